/**
 * Who may use the dashboard, from the environment:
 * - DASHBOARD_USERS: `name:scrypt$…,name2:scrypt$…` (hashes from `npm run hash-password`);
 *   when set, every page and /api route needs a session.
 * - DASHBOARD_AUTH=none: says explicitly that something in front of the server authenticates.
 * - DASHBOARD_SESSION_SECRET: key for session cookies (≥ 32 characters). Without it a random one is
 *   made at start, so sessions end when the server restarts. Required with DATABASE_URL: replicas
 *   sharing a database serve the same users, and a session made by one must be valid on the others.
 * - DASHBOARD_SESSION_HOURS: session lifetime (default 8).
 * With real CI credentials, one of DASHBOARD_USERS or DASHBOARD_AUTH=none is required: the server
 * holds a key that can read every job of the bucket and must not serve it to anyone by default.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';

import { ConfigError, flag, integer, text, type Env } from '@/server/config/env';

import { isPasswordHash } from './password';

export interface AuthConfig {
  /** null: no login (emulator demo, or DASHBOARD_AUTH=none). */
  users: ReadonlyMap<string, string> | null;
  sessionKey: Uint8Array;
  sessionHours: number;
  secureCookie: boolean;
}

/**
 * `realCi`: whether the server holds real CI credentials (server/config decides, from every way of
 * configuring them: CI_SECRET_ID or a CI_BUCKETS profile); then a login, or DASHBOARD_AUTH=none, is required.
 * `replicated`: whether the server shares its state with others (DATABASE_URL); then the session key
 * must be given, the same on each.
 */
export function readAuthConfig(
  env: Env,
  { realCi, replicated = false }: { realCi: boolean; replicated?: boolean },
): AuthConfig {
  const rawUsers = text(env, 'DASHBOARD_USERS');
  const mode = text(env, 'DASHBOARD_AUTH');
  if (mode !== undefined && mode !== 'none') {
    throw new ConfigError('DASHBOARD_AUTH', `"${mode.slice(0, 40)}" is not understood; the only value is "none"`);
  }
  const secret = text(env, 'DASHBOARD_SESSION_SECRET');
  if (secret && secret.length < 32) throw new ConfigError('DASHBOARD_SESSION_SECRET', 'must be at least 32 characters');
  if (!secret && replicated) {
    throw new ConfigError(
      'DASHBOARD_SESSION_SECRET',
      'is required with DATABASE_URL: every replica on the database must sign sessions with the same key (at least 32 characters, e.g. openssl rand -hex 32)',
    );
  }
  const base = {
    sessionKey: secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32)),
    sessionHours: integer(env, 'DASHBOARD_SESSION_HOURS', { fallback: 8, min: 1, max: 24 * 30 }),
    secureCookie: flag(env, 'DASHBOARD_COOKIE_SECURE', false),
  };

  if (!rawUsers) {
    if (realCi && mode !== 'none') {
      throw new ConfigError(
        'DASHBOARD_USERS',
        'is required with real CI credentials (or set DASHBOARD_AUTH=none if a proxy in front of this server authenticates)',
      );
    }
    return { ...base, users: null };
  }
  if (mode === 'none') throw new ConfigError('DASHBOARD_AUTH', 'is "none" while DASHBOARD_USERS is set; choose one');
  const users = new Map<string, string>();
  for (const entry of rawUsers.split(',')) {
    const i = entry.indexOf(':');
    const name = entry.slice(0, i).trim();
    const hash = entry.slice(i + 1).trim();
    if (i <= 0 || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new ConfigError(
        'DASHBOARD_USERS',
        'each entry must be name:hash, with a name of letters, digits, ".", "_", "@" or "-"',
      );
    }
    if (!isPasswordHash(hash)) {
      throw new ConfigError(
        'DASHBOARD_USERS',
        `the hash for "${name}" is not a scrypt$… hash; make one with npm run hash-password`,
      );
    }
    users.set(name, hash);
  }
  return { ...base, users };
}
