/**
 * The SecretKey never leaves the server: with a unique sentinel key (the build was made with it
 * in the environment too — scripts/e2e.mjs), it appears zero times in .next/static, in any page's
 * HTML or asset, in any /api answer (successes and errors), and in the server's log.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test } from '@playwright/test';

import { startAppProcess, startEmulatorProcess, type Started } from './support/servers';

const SENTINEL = process.env.E2E_SENTINEL_SECRET_KEY ?? '';
const SECRET_ID = 'AKIDsentinelTEST0000';

test.describe('the SecretKey stays on the server', () => {
  test.skip(!SENTINEL, 'run through npm run test:e2e, which makes the sentinel');
  let emulator: Started;
  let app: Started;

  test.beforeAll(async () => {
    emulator = await startEmulatorProcess({ CI_SECRET_ID: SECRET_ID, CI_SECRET_KEY: SENTINEL });
    app = await startAppProcess({
      CI_SECRET_ID: SECRET_ID,
      CI_SECRET_KEY: SENTINEL,
      CI_ENDPOINT: emulator.url,
      DASHBOARD_AUTH: 'none',
      EMULATOR_PORT: '',
    });
  });
  test.afterAll(async () => {
    await app?.stop();
    await emulator?.stop();
  });

  test('is nowhere in .next/static', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk('.next/static');
    expect(files.length).toBeGreaterThan(5);
    const hits = files.filter((f) => readFileSync(f).includes(SENTINEL));
    expect(hits).toEqual([]);
  });

  test('is in no page, asset or /api answer, success or error, nor in the server log', async ({ page, request }) => {
    const seen: string[] = [];
    page.on('response', async (res) => {
      try {
        seen.push(`${res.url()}\n${await res.text()}`);
      } catch {
        // redirects have no body
      }
    });
    // Pages as a person opens them, with everything they load.
    const list = await request.get(`${app.url}/api/jobs?tag=Transcode&size=5`);
    const jobId = ((await list.json()) as { jobs: { jobId: string }[] }).jobs[0]!.jobId;
    for (const path of [
      '/',
      '/jobs',
      `/jobs/${jobId}`,
      '/jobs/jdoesnotexist000000000000000000000',
      '/jobs?states=Bogus',
      '/login',
      '/nope',
    ]) {
      await page.goto(`${app.url}${path}`);
      await page.waitForLoadState('networkidle');
    }
    // /api answers of every kind: success, 400, 404, 405, and CI's own refusals and faults.
    const apiPaths = [
      '/api/jobs?tag=Transcode&size=3',
      `/api/jobs/${jobId}`,
      '/api/queues',
      '/api/health',
      '/api/jobs?tag=Bogus',
      '/api/jobs?tag=Transcode&nextToken=forged',
      '/api/jobs/jdoesnotexist000000000000000000000',
      '/api/jobs/..%2F..%2Fetc',
    ];
    for (const path of apiPaths) seen.push(await (await request.get(`${app.url}${path}`)).text());
    seen.push(await (await request.delete(`${app.url}/api/jobs?tag=Transcode`)).text());
    for (const faults of [
      { errorRate: 1, errorStatus: 403, errorCode: 'SignatureDoesNotMatch' },
      { errorRate: 1, errorStatus: 503 },
      { malformedRate: 1 },
      { dropRate: 1 },
    ]) {
      await request.put(`${emulator.url}/__emulator/faults`, { data: faults });
      seen.push(await (await request.get(`${app.url}/api/jobs?tag=Snapshot&size=2&states=Failed`)).text());
      seen.push(await (await request.get(`${app.url}/api/health`)).text());
    }
    await request.delete(`${emulator.url}/__emulator/faults`);

    expect(seen.length).toBeGreaterThan(25);
    expect(seen.filter((s) => s.includes(SENTINEL)).map((s) => s.slice(0, 120))).toEqual([]);
    expect(app.log().length).toBeGreaterThan(0);
    expect(app.log()).not.toContain(SENTINEL);
    expect(emulator.log()).not.toContain(SENTINEL);
  });
});
