/**
 * Every setting is read in one place (server/config) and a wrong value names its variable: the
 * server reads this at start, so a typo stops it there instead of silently changing behaviour
 * (DASHBOARD_RATE_LIMIT=abc used to turn rate limiting off).
 */
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { ConfigError, readServerConfig } from '@/server/config';

function failingVariable(env: Record<string, string>): string | null {
  try {
    readServerConfig(env);
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.variable;
    throw error;
  }
}

const REAL_CI = {
  CI_SECRET_ID: 'AKIDxxxxxxxx',
  CI_SECRET_KEY: 'secret-key',
  CI_BUCKET: 'examplebucket-1250000000',
  CI_REGION: 'ap-guangzhou',
  DASHBOARD_AUTH: 'none',
};

describe('server configuration', () => {
  it('defaults to the emulator demo with nothing set', () => {
    const config = readServerConfig({});
    expect(config.ci).toBeNull();
    expect(config.emulator?.buckets.map((b) => b.bucket)).toEqual(['demo-1250000000', 'media-1250000001']);
    expect(config.dashboard.rateLimitPerSecond).toBe(20);
    expect(config.auth.users).toBeNull();
    expect(config.ciTiming.maxResponseBytes).toBe(8 * 1024 * 1024);
    // No proxy is trusted unless one is named: X-Forwarded-For is the client's to forge.
    expect(config.dashboard.trustedProxies).toBe(0);
    expect(config.index).toMatchObject({
      enabled: true,
      databaseUrl: null,
      backfillDays: 30,
      pollMs: 5000,
      ciQps: 5,
      retentionDays: 400,
      callbackToken: null,
    });
    expect(config.index.pgliteDir).toBe(path.join(config.dashboard.dataDir, 'pglite'));
  });

  it('reads the job index settings', () => {
    const config = readServerConfig({
      INDEX: 'off',
      DATABASE_URL: 'postgres://dash@/jobs?host=/var/run/postgresql',
      DASHBOARD_SESSION_SECRET: 's'.repeat(32),
      INDEX_BACKFILL_DAYS: '7',
      INDEX_CALLBACK_TOKEN: 'a'.repeat(32),
      DASHBOARD_REPLICA_ID: 'web-2',
    });
    expect(config.index).toMatchObject({
      replicaId: 'web-2',
      enabled: false,
      databaseUrl: 'postgres://dash@/jobs?host=/var/run/postgresql',
      backfillDays: 7,
      callbackToken: 'a'.repeat(32),
    });
  });

  it('names a replica by its host and process unless DASHBOARD_REPLICA_ID says otherwise', () => {
    expect(readServerConfig({}).index.replicaId).toMatch(new RegExp(`-${process.pid}$`));
    expect(() => readServerConfig({ DASHBOARD_REPLICA_ID: 'a b' })).toThrow(/^DASHBOARD_REPLICA_ID: /);
  });

  it('requires DASHBOARD_SESSION_SECRET with DATABASE_URL: a session made by one replica must be valid on the others', () => {
    const shared = { DATABASE_URL: 'postgres://dash@/jobs?host=/var/run/postgresql' };
    expect(() => readServerConfig(shared)).toThrow(/^DASHBOARD_SESSION_SECRET: is required with DATABASE_URL/);
    expect(failingVariable(shared)).toBe('DASHBOARD_SESSION_SECRET');
    const secret = 'k'.repeat(40);
    const a = readServerConfig({ ...shared, DASHBOARD_SESSION_SECRET: secret });
    const b = readServerConfig({ ...shared, DASHBOARD_SESSION_SECRET: secret });
    expect(a.auth.sessionKey).toEqual(b.auth.sessionKey);
    // Without DATABASE_URL the secret stays optional (one process, a key of its own).
    expect(() => readServerConfig({})).not.toThrow();
  });

  it('never echoes DATABASE_URL, which may hold a password', () => {
    expect(() => readServerConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).toThrow(/^DATABASE_URL: (?!.*hunter2)/);
  });

  it.each([
    ['DASHBOARD_RATE_LIMIT', 'abc'],
    ['DASHBOARD_RATE_LIMIT', '-5'],
    ['DASHBOARD_RATE_LIMIT', '2.5'],
    ['DASHBOARD_SESSION_HOURS', 'eight'],
    ['DASHBOARD_COOKIE_SECURE', 'maybe'],
    ['DASHBOARD_AUTH', 'basic'],
    ['DASHBOARD_SESSION_SECRET', 'short'],
    ['EMULATOR_PORT', '70000'],
    ['EMULATOR_PORT', 'http'],
    ['EMULATOR_JOBS', 'many'],
    ['EMULATOR_SEED', '1e3'],
    ['EMULATOR_BUCKETS', 'not a bucket'],
    ['CI_TIMEOUT_MS', 'soon'],
    ['CI_CACHE_TTL_MS', '-1'],
    ['DASHBOARD_TRUSTED_PROXIES', 'yes'],
    ['DASHBOARD_TRUSTED_PROXIES', '11'],
    ['CI_MAX_RESPONSE_BYTES', '8MiB'],
    ['CI_MAX_RESPONSE_BYTES', '1000'],
    ['INDEX', 'maybe'],
    ['DATABASE_URL', 'mysql://root@localhost/jobs'],
    ['INDEX_BACKFILL_DAYS', '0'],
    ['INDEX_POLL_MS', 'fast'],
    ['INDEX_POLL_MS', '10'],
    ['INDEX_CI_QPS', '0'],
    ['INDEX_RETENTION_DAYS', '7'],
    ['INDEX_CALLBACK_TOKEN', 'short'],
  ])('stops on %s=%s, naming it', (variable, value) => {
    expect(failingVariable({ [variable]: value })).toBe(variable);
  });

  it.each([
    ['CI_TIMEOUT_MS', '0'],
    ['CI_MAX_RETRIES', 'x'],
    ['CI_ENDPOINT', 'ftp://example.com'],
    ['CI_REGION', 'Guangzhou'],
  ])('stops on %s=%s with real CI too', (variable, value) => {
    expect(failingVariable({ ...REAL_CI, [variable]: value })).toBe(variable);
  });

  it('takes good values as given', () => {
    const config = readServerConfig({ DASHBOARD_RATE_LIMIT: '0', EMULATOR_PORT: '9100', EMULATOR_JOBS: '60000' });
    expect(config.dashboard.rateLimitPerSecond).toBe(0);
    expect(readServerConfig({ DASHBOARD_TRUSTED_PROXIES: '2' }).dashboard.trustedProxies).toBe(2);
    expect(config.emulator).toMatchObject({ port: 9100, jobCount: 60_000 });
    expect(readServerConfig({ CI_MAX_RESPONSE_BYTES: '1048576' }).ciTiming.maxResponseBytes).toBe(1024 * 1024);
    expect(readServerConfig(REAL_CI).ci![0]!.maxResponseBytes).toBe(8 * 1024 * 1024);
  });
});
