/**
 * Who may use the dashboard, from the environment:
 * - DASHBOARD_USERS: `name:scrypt$…,name2:scrypt$…` (hashes from `npm run hash-password`);
 *   when set, every page and /api route needs a session.
 * - DASHBOARD_AUTH=none: says explicitly that something in front of the server authenticates.
 * - DASHBOARD_SESSION_SECRET: key for session cookies (≥ 32 characters). Without it a random one is
 *   made at start, so sessions end when the server restarts.
 * - DASHBOARD_SESSION_HOURS: session lifetime (default 8).
 * With real CI credentials, one of DASHBOARD_USERS or DASHBOARD_AUTH=none is required: the server
 * holds a key that can read every job of the bucket and must not serve it to anyone by default.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';

import { isPasswordHash } from './password';

export interface AuthConfig {
  /** null: no login (emulator demo, or DASHBOARD_AUTH=none). */
  users: ReadonlyMap<string, string> | null;
  sessionKey: Uint8Array;
  sessionHours: number;
  secureCookie: boolean;
}

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

export function readAuthConfig(env: Env = process.env): AuthConfig {
  const rawUsers = env.DASHBOARD_USERS?.trim();
  const mode = env.DASHBOARD_AUTH?.trim();
  const realCi = Boolean(env.CI_SECRET_ID?.trim());
  if (mode !== undefined && mode !== '' && mode !== 'none') {
    throw new AuthConfigError('DASHBOARD_AUTH', `"${mode}" is not understood; the only value is "none"`);
  }
  const secret = env.DASHBOARD_SESSION_SECRET?.trim();
  if (secret && secret.length < 32)
    throw new AuthConfigError('DASHBOARD_SESSION_SECRET', 'must be at least 32 characters');
  const hours = env.DASHBOARD_SESSION_HOURS?.trim() ? Number(env.DASHBOARD_SESSION_HOURS) : 8;
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30) {
    throw new AuthConfigError('DASHBOARD_SESSION_HOURS', 'must be a number of hours between 0 and 720');
  }
  const base = {
    sessionKey: secret ? new TextEncoder().encode(secret) : new Uint8Array(randomBytes(32)),
    sessionHours: hours,
    secureCookie: env.DASHBOARD_COOKIE_SECURE?.trim() === 'true',
  };

  if (!rawUsers) {
    if (realCi && mode !== 'none') {
      throw new AuthConfigError(
        'DASHBOARD_USERS',
        'is required with real CI credentials (or set DASHBOARD_AUTH=none if a proxy in front of this server authenticates)',
      );
    }
    return { ...base, users: null };
  }
  if (mode === 'none')
    throw new AuthConfigError('DASHBOARD_AUTH', 'is "none" while DASHBOARD_USERS is set; choose one');
  const users = new Map<string, string>();
  for (const entry of rawUsers.split(',')) {
    const i = entry.indexOf(':');
    const name = entry.slice(0, i).trim();
    const hash = entry.slice(i + 1).trim();
    if (i <= 0 || !/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      throw new AuthConfigError(
        'DASHBOARD_USERS',
        'each entry must be name:hash, with a name of letters, digits, ".", "_", "@" or "-"',
      );
    }
    if (!isPasswordHash(hash)) {
      throw new AuthConfigError(
        'DASHBOARD_USERS',
        `the hash for "${name}" is not a scrypt$… hash; make one with npm run hash-password`,
      );
    }
    users.set(name, hash);
  }
  return { ...base, users };
}
