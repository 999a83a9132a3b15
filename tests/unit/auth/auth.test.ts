import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { hashPassword, isPasswordHash, verifyPassword } from '@/server/auth/password';
import { importRevocationFile, StoreRevocations } from '@/server/auth/revocations';
import { ConfigError, readServerConfig } from '@/server/config';
import { openStore, type JobStore } from '@/server/index/store';

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
  const REVOCATIONS = Symbol.for('ci-jobs-dashboard.session-revocations');
  // Sign-outs live in the store: one in-memory PGlite for the file (a new one takes seconds).
  let store: JobStore;
  beforeAll(async () => {
    store = await openStore({ databaseUrl: null, pgliteDir: null });
  }, 120_000);
  afterAll(() => store?.close());
  const revocationsInStore = () => {
    const revocations = new StoreRevocations(() => Promise.resolve(store.db));
    (globalThis as Record<symbol, unknown>)[REVOCATIONS] = revocations;
    return revocations;
  };
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[KEY];
    delete (globalThis as Record<symbol, unknown>)[REVOCATIONS];
  });

  /** A login-on configuration with its own data directory, as the server would read it. */
  async function loginOn(secret = 'x'.repeat(40)) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sessions-'));
    (globalThis as Record<symbol, unknown>)[KEY] = readServerConfig({
      DASHBOARD_USERS: `alice:${await hashPassword('pw-12345678')}`,
      DASHBOARD_SESSION_SECRET: secret,
      DASHBOARD_DATA_DIR: dataDir,
    });
    revocationsInStore();
    return { dataDir, key: new TextEncoder().encode(secret) };
  }

  it('refuses a correctly signed token without an expiry (or without an ID)', async () => {
    const { key } = await loginOn();
    const { verifySession } = await import('@/server/auth/session');
    const noExp = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setJti('j1')
      .setIssuedAt()
      .sign(key);
    expect(await verifySession(noExp)).toBeNull();
    const noId = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(key);
    expect(await verifySession(noId)).toBeNull();
  });

  it('sign-out revokes the token itself: a copy of the cookie is refused, by other processes and after a restart too', async () => {
    const { dataDir } = await loginOn();
    const { createSession, endSession, verifySession } = await import('@/server/auth/session');
    const first = await createSession('alice');
    const second = await createSession('alice');
    expect(await verifySession(first.token)).toBe('alice');
    await endSession(first.token);
    expect(await verifySession(first.token)).toBeNull();
    // Only that session: the same user's other one goes on.
    expect(await verifySession(second.token)).toBe('alice');
    // Another process on the same store (or this one restarted) reads the same list…
    const { jti: id } = JSON.parse(Buffer.from(first.token.split('.')[1]!, 'base64url').toString()) as { jti: string };
    const other = new StoreRevocations(() => Promise.resolve(store.db));
    expect(await other.isRevoked(id)).toBe(true);
    revocationsInStore();
    expect(await verifySession(first.token)).toBeNull();
    // …and a sign-out there is seen here at the next check.
    const secondId = JSON.parse(Buffer.from(second.token.split('.')[1]!, 'base64url').toString()) as {
      jti: string;
      exp: number;
    };
    await other.revoke(secondId.jti, secondId.exp);
    expect(await verifySession(second.token)).toBeNull();

    // Sign-outs from before the store (the old sessions/revoked.json) are imported once, unexpired ones only.
    const now = Math.floor(Date.now() / 1000);
    mkdirSync(path.join(dataDir, 'sessions'));
    writeFileSync(
      path.join(dataDir, 'sessions', 'revoked.json'),
      JSON.stringify({ version: 1, revoked: { 'old-live': now + 3600, 'old-expired': now - 10 } }),
    );
    expect(await importRevocationFile(store.db, dataDir)).toBe(1);
    expect(await other.isRevoked('old-live')).toBe(true);
    expect(await other.isRevoked('old-expired')).toBe(false);
    expect(await importRevocationFile(store.db, dataDir)).toBe(0);
    // A damaged file is refused loudly: signed-out sessions must not come back silently.
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'sessions-'));
    mkdirSync(path.join(elsewhere, 'sessions'));
    writeFileSync(path.join(elsewhere, 'sessions', 'revoked.json'), '{ not json');
    await expect(importRevocationFile(store.db, elsewhere)).rejects.toThrow(/cannot be read/);
  });

  it('sign-in and sign-out refuse a cross-site post (login CSRF) with 403 naming origin', async () => {
    await loginOn();
    const login = await import('@/app/api/auth/login/route');
    const logout = await import('@/app/api/auth/logout/route');
    const form = (origin: string | null) =>
      new Request('http://dash.example/api/auth/login', {
        method: 'POST',
        headers: {
          host: 'dash.example',
          'content-type': 'application/x-www-form-urlencoded',
          ...(origin ? { origin } : {}),
        },
        body: 'user=alice&password=pw-12345678',
      });
    for (const origin of ['https://evil.example', 'null', null]) {
      const res = await login.POST(form(origin));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('origin');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    const out = await logout.POST(
      new Request('http://dash.example/api/auth/logout', {
        method: 'POST',
        headers: { host: 'dash.example', origin: 'https://evil.example' },
      }),
    );
    expect(out.status).toBe(403);
    // From its own origin the form signs in.
    const res = await login.POST(form('http://dash.example'));
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toContain('ci_dashboard_session=');
  });

  it('accepts its own cookie and refuses tampered, expired, foreign and removed-user ones', async () => {
    const hash = await hashPassword('pw-12345678');
    const secret = 'x'.repeat(40);
    (globalThis as Record<symbol, unknown>)[KEY] = readServerConfig({
      DASHBOARD_USERS: `alice:${hash}`,
      DASHBOARD_SESSION_SECRET: secret,
    });
    revocationsInStore();
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
