/**
 * Access: login, the safe default, read-only /api, security headers and the rate limit, each
 * against a production server this spec starts with its own configuration.
 */

import { expect, test } from '@playwright/test';

import type { Health } from '@/features/shell/health-api';

import { bodyOf, errorOf, hydrated } from './helpers';
import { passwordHash, startAppProcess, startEmulatorProcess, type Started } from './support/servers';

const PASSWORD = 'correct horse battery staple';
const hash = () => passwordHash(PASSWORD);

test.describe('with login configured', () => {
  let app: Started;
  test.beforeAll(async () => {
    // Login on: the server's store opens first (servers.ts), which a new embedded store takes a while to do.
    test.setTimeout(180_000);
    app = await startAppProcess({
      DASHBOARD_USERS: `alice:${hash()}`,
      DASHBOARD_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef',
      DASHBOARD_RATE_LIMIT: '2',
      CI_SECRET_ID: '',
      CI_SECRET_KEY: '',
      EMULATOR_PORT: '',
    });
  });
  test.afterAll(() => app?.stop());

  test('pages send a stranger to sign in, and /api answers 401', async ({ page, request }) => {
    await page.goto(`${app.url}/jobs?states=Failed`);
    await expect(page).toHaveURL(/\/login\?next=%2Fjobs%3Fstates%3DFailed$/);
    await expect(page.getByRole('heading', { name: /sign in/i })).toBeVisible();
    for (const path of ['/api/jobs?tag=Transcode', '/api/jobs/j1', '/api/queues', '/api/health']) {
      const res = await request.get(`${app.url}${path}`);
      expect(res.status(), path).toBe(401);
      expect((await errorOf(res)).code).toBe('Unauthorized');
    }
    // A load balancer's probe cannot sign in: readiness is open, and says only that.
    const probe = await request.get(`${app.url}/api/health/ready`);
    expect(probe.status()).toBe(200);
    expect(await probe.json()).toEqual({ ready: true, store: 'ok' });
  });

  test('a wrong password is refused; the right one signs in and returns to the page asked for; sign-out ends it', async ({
    page,
    context,
  }) => {
    await page.goto(`${app.url}/jobs?tag=Snapshot`);
    await hydrated(page);
    await page.getByLabel('User').fill('alice');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('main').getByRole('alert')).toContainText('Wrong user name or password');

    await page.getByLabel('User').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/jobs\?tag=Snapshot$/);
    const cookie = (await context.cookies()).find((c) => c.name === 'ci_dashboard_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(cookie!.expires).toBeGreaterThan(Date.now() / 1000 + 3600);
    expect((await page.request.get(`${app.url}/api/health`)).status()).toBe(200);

    await page.request.post(`${app.url}/api/auth/logout`, { headers: { origin: app.url } });
    expect((await page.request.get(`${app.url}/api/health`)).status()).toBe(401);
  });

  test('/api is rate-limited per client with 429 and Retry-After', async ({ page }) => {
    // Signed in: an anonymous client gets its 401 before the limiter (tests/e2e/security.spec.ts).
    await page.goto(`${app.url}/login`);
    await hydrated(page);
    await page.getByLabel('User').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/jobs/);
    const request = page.request;
    const answers = await Promise.all(Array.from({ length: 30 }, () => request.get(`${app.url}/api/health`)));
    const limited = answers.filter((a) => a.status() === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers()['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await errorOf(limited[0]!)).code).toBe('TooManyRequests');
  });

  test('login attempts are rate-limited per client', async ({ request }) => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await request.post(`${app.url}/api/auth/login`, {
        headers: { origin: app.url },
        data: { user: 'mallory', password: `guess-${i}` },
      });
      statuses.push(res.status());
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
  });
});

test.describe('on the default server', () => {
  test('every response carries the security headers, and scripts run only by nonce', async ({ page, request }) => {
    for (const path of ['/jobs', '/api/jobs?tag=Transcode&size=1', '/api/jobs?tag=Bogus', '/login']) {
      const headers = (await request.get(path)).headers();
      if (path.startsWith('/api/')) expect(headers['content-security-policy'], path).toContain("default-src 'none'");
      else
        expect(headers['content-security-policy'], path).toMatch(
          /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/,
        );
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
    }
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    const res = await page.goto('/jobs');
    const nonce = /'nonce-([^']+)'/.exec(res!.headers()['content-security-policy']!)![1];
    const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
  });

  test('/api is read-only: anything but GET is 405', async ({ request }) => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await request.fetch('/api/jobs?tag=Transcode', { method, data: {} });
      expect(res.status()).toBe(405);
      expect(res.headers()['allow']).toBe('GET, HEAD');
    }
  });
});

test.describe('safe default with real CI credentials', () => {
  test('the server refuses to start without login, naming DASHBOARD_USERS', async () => {
    const emulator = await startEmulatorProcess({});
    try {
      const error = await startAppProcess({
        CI_SECRET_ID: 'AKIDemulatorDEMO0000000000000000000',
        CI_SECRET_KEY: 'emulatorDemoSecretKey0000000000000',
        CI_ENDPOINT: emulator.url,
        DASHBOARD_AUTH: '',
        DASHBOARD_USERS: '',
      }).then(
        async (app) => {
          await app.stop();
          return null;
        },
        (e: Error) => e,
      );
      expect(error?.message).toContain('DASHBOARD_USERS');
    } finally {
      await emulator.stop();
    }
  });

  test('…and starts with DASHBOARD_AUTH=none', async ({ request }) => {
    const emulator = await startEmulatorProcess({});
    const app = await startAppProcess({
      CI_SECRET_ID: 'AKIDemulatorDEMO0000000000000000000',
      CI_SECRET_KEY: 'emulatorDemoSecretKey0000000000000',
      CI_ENDPOINT: emulator.url,
      DASHBOARD_AUTH: 'none',
    });
    try {
      const health = await bodyOf<Health>(await request.get(`${app.url}/api/health`));
      expect(health).toMatchObject({ mode: 'ci', upstream: { reachable: true } });
    } finally {
      await app.stop();
      await emulator.stop();
    }
  });
});
