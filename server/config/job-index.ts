/**
 * The job index's settings (server/index): whether it runs, where it keeps its data, how far back it
 * reaches, how often it asks CI and how much of CI's rate it may use. A wrong value stops the
 * server naming the variable, like every other setting.
 */
import 'server-only';

import { hostname } from 'node:os';
import path from 'node:path';

import { ConfigError, integer, oneOf, text, type Env } from './env';

export interface JobIndexSettings {
  /** INDEX=on|off (default on): off keeps the dashboard a pure CI client. */
  enabled: boolean;
  /** DATABASE_URL (postgres://…): a real PostgreSQL server; null: the embedded PGlite store. */
  databaseUrl: string | null;
  /** Where the embedded store lives: <DASHBOARD_DATA_DIR>/pglite. */
  pgliteDir: string;
  /** INDEX_BACKFILL_DAYS (default 30): how far back the first sync reaches. */
  backfillDays: number;
  /** INDEX_POLL_MS (default 5000): how often new jobs and state changes are asked for. */
  pollMs: number;
  /** INDEX_CI_QPS (default 5): CI calls per second per bucket the sync may make. */
  ciQps: number;
  /** INDEX_RETENTION_DAYS (default 400): how long a job is kept after CI has forgotten it. */
  retentionDays: number;
  /** INDEX_CALLBACK_TOKEN: turns POST /api/ci/callback on; null: the route answers 404. */
  callbackToken: string | null;
  /** DASHBOARD_REPLICA_ID (default <hostname>-<pid>): which replica answered, in /api/health and logs. */
  replicaId: string;
}

export function readJobIndexSettings(env: Env, dataDir: string): JobIndexSettings {
  const databaseUrl = text(env, 'DATABASE_URL') ?? null;
  // Checked by its scheme only (a socket URL, postgres://user@/db?host=/run/postgresql, has no host
  // for `new URL`); the value is never echoed: it may hold a password.
  if (databaseUrl !== null && !/^postgres(?:ql)?:\/\/[^\s]*$/.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', 'must be a postgres:// or postgresql:// URL');
  }
  const callbackToken = text(env, 'INDEX_CALLBACK_TOKEN') ?? null;
  if (callbackToken !== null && !/^[\x21-\x7e]{24,256}$/.test(callbackToken)) {
    throw new ConfigError(
      'INDEX_CALLBACK_TOKEN',
      'must be 24–256 printable characters without spaces (e.g. openssl rand -hex 24)',
    );
  }
  const backfillDays = integer(env, 'INDEX_BACKFILL_DAYS', { fallback: 30, min: 1, max: 3650 });
  const retentionDays = integer(env, 'INDEX_RETENTION_DAYS', { fallback: 400, min: 1, max: 36_500 });
  if (retentionDays < backfillDays) {
    throw new ConfigError(
      'INDEX_RETENTION_DAYS',
      `must be at least INDEX_BACKFILL_DAYS (${backfillDays}), or the backfill would be pruned as it lands`,
    );
  }
  const replicaId = text(env, 'DASHBOARD_REPLICA_ID') ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.:-]{1,64}$/.test(replicaId)) {
    throw new ConfigError('DASHBOARD_REPLICA_ID', 'must be 1–64 letters, digits, ".", ":", "_" or "-"');
  }
  return {
    enabled: oneOf(env, 'INDEX', ['on', 'off'], 'on') === 'on',
    databaseUrl,
    pgliteDir: path.join(dataDir, 'pglite'),
    backfillDays,
    pollMs: integer(env, 'INDEX_POLL_MS', { fallback: 5000, min: 500, max: 3_600_000 }),
    ciQps: integer(env, 'INDEX_CI_QPS', { fallback: 5, min: 1, max: 1000 }),
    retentionDays,
    callbackToken,
    replicaId,
  };
}
