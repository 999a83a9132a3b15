import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';

import { RateLimiter } from '@/server/api/rate-limit';
import { hashPassword, isPasswordHash, verifyPassword } from '@/server/auth/password';
import { ConfigError, readServerConfig } from '@/server/config';

/** Login as the server reads it: from the whole environment, with whatever CI credentials it holds. */
const readAuthConfig = (env: Record<string, string>) => readServerConfig(env).auth;

const variableOf = (env: Record<string, string>) => {
  try {
    readAuthConfig(env);
    return null;
  } catch (e) {
    return e instanceof ConfigError ? e.variable : 'other';
  }
};

/** Real credentials in each documented form: the default pair, and a CI_BUCKETS profile. */
const REAL_CI = {
  CI_SECRET_ID: 'AKIDxxxxxxxx',
  CI_SECRET_KEY: 'secret-key-1',
  CI_BUCKET: 'examplebucket-1250000000',
  CI_REGION: 'ap-guangzhou',
};
const REAL_CI_BY_PROFILE = {
  CI_BUCKETS: 'media-1250000000@ap-guangzhou=MEDIA',
  CI_SECRET_ID_MEDIA: 'AKIDyyyyyyyy',
  CI_SECRET_KEY_MEDIA: 'secret-key-2',
};

describe('password hashes', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(isPasswordHash(hash)).toBe(true);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });
});

describe('login configuration', () => {
  it('runs the emulator demo without login', () => {
    expect(readAuthConfig({}).users).toBeNull();
  });

  it('refuses to start with real CI credentials and no login, unless DASHBOARD_AUTH=none', () => {
    expect(variableOf(REAL_CI)).toBe('DASHBOARD_USERS');
    expect(readAuthConfig({ ...REAL_CI, DASHBOARD_AUTH: 'none' }).users).toBeNull();
  });

  it('needs a login with credentials given only as a CI_BUCKETS profile, too', () => {
    expect(variableOf(REAL_CI_BY_PROFILE)).toBe('DASHBOARD_USERS');
    expect(readAuthConfig({ ...REAL_CI_BY_PROFILE, DASHBOARD_AUTH: 'none' }).users).toBeNull();
  });

  it('reads users with their hashes and names bad entries', async () => {
    const hash = await hashPassword('pw-12345678');
    const config = readAuthConfig({ ...REAL_CI, DASHBOARD_USERS: `alice:${hash}, bob:${hash}` });
    expect([...config.users!.keys()]).toEqual(['alice', 'bob']);
    expect(variableOf({ DASHBOARD_USERS: 'alice:plaintext' })).toBe('DASHBOARD_USERS');
    expect(variableOf({ DASHBOARD_USERS: `:${hash}` })).toBe('DASHBOARD_USERS');
    expect(variableOf({ DASHBOARD_USERS: `alice:${hash}`, DASHBOARD_AUTH: 'none' })).toBe('DASHBOARD_AUTH');
    expect(variableOf({ DASHBOARD_AUTH: 'basic' })).toBe('DASHBOARD_AUTH');
    expect(variableOf({ DASHBOARD_SESSION_SECRET: 'short' })).toBe('DASHBOARD_SESSION_SECRET');
    expect(variableOf({ DASHBOARD_SESSION_HOURS: '-1' })).toBe('DASHBOARD_SESSION_HOURS');
  });
});

describe('sessions', () => {
  const KEY = Symbol.for('ci-jobs-dashboard.config');
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[KEY];
  });

  it('accepts its own cookie and refuses tampered, expired, foreign and removed-user ones', async () => {
    const hash = await hashPassword('pw-12345678');
    const secret = 'x'.repeat(40);
    (globalThis as Record<symbol, unknown>)[KEY] = readServerConfig({
      DASHBOARD_USERS: `alice:${hash}`,
      DASHBOARD_SESSION_SECRET: secret,
    });
    const { createSession, verifySession } = await import('@/server/auth/session');
    const { token, maxAgeSeconds } = await createSession('alice');
    expect(maxAgeSeconds).toBe(8 * 3600);
    expect(await verifySession(token)).toBe('alice');
    expect(await verifySession(`${token.slice(0, -2)}xx`)).toBeNull();
    expect(await verifySession(undefined)).toBeNull();
    const key = new TextEncoder().encode(secret);
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(key);
    expect(await verifySession(expired)).toBeNull();
    const foreign = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('y'.repeat(40)));
    expect(await verifySession(foreign)).toBeNull();
    const mallory = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('mallory')
      .setExpirationTime('1h')
      .sign(key);
    expect(await verifySession(mallory)).toBeNull();
  });
});

describe('rate limiter', () => {
  it('allows a burst, then refills at its rate and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0); // per client
    now = 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
  });
});
