/**
 * Issue 13, against the production build: what a hostile client (or configuration) could do before,
 * each on a server this spec starts with its own settings.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';

import { bodyOf, errorOf } from './helpers';
import { freePort, passwordHash, startAppProcess, type Started } from './support/servers';

const PASSWORD = 'correct horse battery staple';
const NO_CI = { CI_SECRET_ID: '', CI_SECRET_KEY: '', CI_BUCKETS: '', CI_ENDPOINT: '', EMULATOR_PORT: '' };

test.describe('safe default (item 1)', () => {
  test('real credentials given only as a CI_BUCKETS profile, and no login: the server refuses to start, naming DASHBOARD_USERS', async () => {
    // Nothing listens there: the server must stop on its configuration before it would call CI.
    const port = await freePort();
    const error = await startAppProcess({
      ...NO_CI,
      CI_BUCKETS: 'media-1250000000@ap-guangzhou=MEDIA',
      CI_SECRET_ID_MEDIA: 'AKIDprofileMEDIA000000000000000000',
      CI_SECRET_KEY_MEDIA: 'profileMediaSecretKey000000000000',
      CI_ENDPOINT: `http://127.0.0.1:${port}`,
      DASHBOARD_USERS: '',
      DASHBOARD_AUTH: '',
    }).then(
      async (app) => {
        await app.stop();
        return null;
      },
      (e: Error) => e,
    );
    expect(error?.message).toContain('DASHBOARD_USERS');
  });
});

test.describe('with login on (items 2, 3, 7)', () => {
  let app: Started;
  test.beforeAll(async () => {
    // Login on: the server's store opens first (servers.ts), which a new embedded store takes a while to do.
    test.setTimeout(180_000);
    app = await startAppProcess({
      ...NO_CI,
      DASHBOARD_USERS: `alice:${passwordHash(PASSWORD)}`,
      DASHBOARD_SESSION_SECRET: 'e2e-security-secret-0123456789abcdef',
      DASHBOARD_RATE_LIMIT: '2',
      DASHBOARD_TRUSTED_PROXIES: '',
      DASHBOARD_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'e2e-security-')),
    });
  });
  test.afterAll(() => app?.stop());

  async function signedIn(): Promise<APIRequestContext> {
    const context = await playwrightRequest.newContext();
    const res = await context.post(`${app.url}/api/auth/login`, {
      headers: { origin: app.url },
      data: { user: 'alice', password: PASSWORD },
    });
    expect(res.status()).toBe(200);
    return context;
  }

  test('a made-up X-Forwarded-For does not escape the /api limit (the socket address counts)', async () => {
    const context = await signedIn();
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        context.get(`${app.url}/api/health`, { headers: { 'x-forwarded-for': `203.0.113.${i + 1}` } }),
      ),
    );
    expect(answers.filter((a) => a.status() === 429).length).toBeGreaterThan(0);
    await context.dispose();
  });

  test('anonymous requests get 401 without spending the /api limit', async ({ request }) => {
    // Wait out the limiter's window from the tests above.
    await new Promise((r) => setTimeout(r, 4000));
    const anonymous = await Promise.all(Array.from({ length: 30 }, () => request.get(`${app.url}/api/health`)));
    expect(anonymous.map((a) => a.status())).toEqual(Array(30).fill(401));
    const context = await signedIn();
    const first = await Promise.all(Array.from({ length: 5 }, () => context.get(`${app.url}/api/health`)));
    expect(first.map((a) => a.status())).toEqual(Array(5).fill(200));
    await context.dispose();
  });

  test('the login page keeps only same-origin paths in next; hostile ones fall back to /jobs (and never 500)', async ({
    request,
  }) => {
    for (const next of [
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      '//evil.example',
      '/.//evil.example',
    ]) {
      const res = await request.get(`${app.url}/login?${new URLSearchParams({ next })}`);
      expect(res.status(), JSON.stringify(next)).toBe(200);
      expect(await res.text()).toMatch(/name="next" value="\/jobs"/);
    }
    const ok = await request.get(`${app.url}/login?next=${encodeURIComponent('/jobs?tag=Snapshot')}`);
    expect(await ok.text()).toContain('value="/jobs?tag=Snapshot"');
  });

  test('after sign-in, a hostile next redirects to /jobs, not off the site', async () => {
    const context = await playwrightRequest.newContext();
    const res = await context.post(`${app.url}/api/auth/login`, {
      headers: { origin: app.url },
      form: { user: 'alice', password: PASSWORD, next: '/\\evil.example' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(303);
    expect(res.headers()['location']).toBe('/jobs');
    await context.dispose();
  });

  test('the redirect to sign in is relative: a forged Host or X-Forwarded-Proto does not pick the origin', async ({
    request,
  }) => {
    const res = await request.get(`${app.url}/jobs?tag=Snapshot`, {
      headers: { host: 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(307);
    expect(res.headers()['location']).toBe('/login?next=%2Fjobs%3Ftag%3DSnapshot');
  });

  test('sign-out revokes the session: a copy of the cookie stops working', async () => {
    const context = await signedIn();
    const cookie = (await context.storageState()).cookies.find((c) => c.name === 'ci_dashboard_session')!;
    const copy = { cookie: `${cookie.name}=${cookie.value}` };
    const stranger = await playwrightRequest.newContext();
    expect((await stranger.get(`${app.url}/api/queues`, { headers: copy })).status()).toBe(200);
    const out = await context.post(`${app.url}/api/auth/logout`, { headers: { origin: app.url }, maxRedirects: 0 });
    expect(out.status()).toBe(303);
    expect((await stranger.get(`${app.url}/api/queues`, { headers: copy })).status()).toBe(401);
    await context.dispose();
    await stranger.dispose();
  });

  test('sign-in and sign-out refuse a cross-site form post (login CSRF)', async ({ request }) => {
    const login = await request.post(`${app.url}/api/auth/login`, {
      headers: { origin: 'https://evil.example' },
      form: { user: 'alice', password: PASSWORD },
      maxRedirects: 0,
    });
    expect(login.status()).toBe(403);
    expect(login.headers()['set-cookie']).toBeUndefined();
    const logout = await request.post(`${app.url}/api/auth/logout`, {
      headers: { origin: 'https://evil.example' },
      maxRedirects: 0,
    });
    expect(logout.status()).toBe(403);
  });
  // Last here: it uses up this client's login attempts.
  test('a made-up X-Forwarded-For does not escape the login limit either', async ({ request }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await request.post(`${app.url}/api/auth/login`, {
        headers: { origin: app.url, 'x-forwarded-for': `198.51.100.${i + 1}` },
        data: { user: 'mallory', password: `guess-${i}` },
      });
      statuses.push(res.status());
    }
    expect(statuses.at(-1)).toBe(429);
  });
});

test.describe('behind one trusted proxy (item 2)', () => {
  let app: Started;
  test.beforeAll(async () => {
    app = await startAppProcess({ ...NO_CI, DASHBOARD_RATE_LIMIT: '2', DASHBOARD_TRUSTED_PROXIES: '1' });
  });
  test.afterAll(() => app?.stop());

  test('DASHBOARD_TRUSTED_PROXIES=1 keys on the hop the proxy appended, not on what the client put before it', async ({
    request,
  }) => {
    // One real client (the proxy saw 192.0.2.7) rotating the part it controls: limited.
    const spoofing = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request.get(`${app.url}/api/health`, { headers: { 'x-forwarded-for': `10.9.9.${i}, 192.0.2.7` } }),
      ),
    );
    expect(spoofing.filter((a) => a.status() === 429).length).toBeGreaterThan(0);
    // Thirty different clients behind the proxy, one request each: none limited.
    const many = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request.get(`${app.url}/api/health`, { headers: { 'x-forwarded-for': `192.0.2.${100 + i}` } }),
      ),
    );
    expect(many.map((a) => a.status())).toEqual(Array(30).fill(200));
  });
});

test.describe('on the default server (items 4, 10)', () => {
  test('the raw query is judged: __proto__ and bytes that are not UTF-8 are a 400 naming the field', async ({
    request,
  }) => {
    for (const [query, field] of [
      ['tag=Transcode&__proto__=x', '__proto__'],
      ['__proto__=x&tag=Transcode', '__proto__'],
      ['tag=Transcode&inputObject=%FF%FE', 'inputObject'],
      ['tag=Transcode&inputObject=a%ED%A0%80', 'inputObject'],
    ] as const) {
      const res = await request.get(`/api/jobs?${query}`);
      expect(res.status(), query).toBe(400);
      expect((await errorOf(res)).field, query).toBe(field);
    }
    const views = await request.delete('/api/views?name=%ED%A0%80');
    expect(views.status()).toBe(400);
  });

  test('an unsigned or altered all-tags cursor is a 400 naming cursor', async ({ request }) => {
    const first = await bodyOf<{ cursor: string }>(await request.get('/api/jobs/all?size=2'));
    const [payload, mac] = first.cursor.split('.');
    const altered = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { p: Record<string, unknown> };
    altered.p.Transcode = { t: 'x'.repeat(3000), o: 0 };
    for (const cursor of [payload!, `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${mac}`]) {
      const res = await request.get(`/api/jobs/all?size=2&cursor=${cursor}`);
      expect(res.status()).toBe(400);
      expect((await errorOf(res)).field).toBe('cursor');
    }
  });

  test('static files and Next’s own redirects carry the fixed security headers too', async ({ request, page }) => {
    const html = await (await request.get('/login')).text();
    const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)![1]!;
    const redirect = await request.get('/jobs/', { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    for (const res of [await request.get(script), redirect, await request.get('/jobs')]) {
      const h = res.headers();
      expect(h['x-content-type-options'], res.url()).toBe('nosniff');
      expect(h['referrer-policy'], res.url()).toBe('no-referrer');
      expect(h['x-frame-options'], res.url()).toBe('DENY');
    }
    expect((await request.get(script)).headers()['content-security-policy']).toContain("default-src 'none'");
    // Pages keep the proxy's nonce policy alone (not a second, stricter one that would block their scripts).
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto('/jobs');
    expect(res!.headers()['content-security-policy']).toContain("'nonce-");
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });
});
