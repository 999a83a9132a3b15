/**
 * Live push in the browser: with the job index on, the jobs list opens GET /api/events and shows
 * "live: push"; a job that ends (finished through the emulator's control) changes on screen within
 * seconds while the list's timer is set to a minute — only the push can explain the update. A list
 * of failed jobs is fetched again when a job fails, not for every job that only runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { hydrated, settledRows } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ timeout: 240_000 });

let dataDir: string;
let app: Started | undefined;
test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'live-push-e2e-'));
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && app) await testInfo.attach('server log', { body: app.log() });
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Health {
  endpoint: string;
  index: { state: string };
}

/** The server with the job index, started by the first test that needs it, once it says "live". */
async function liveApp(request: APIRequestContext): Promise<{ app: Started; emulator: string }> {
  app ??= await startAppProcess({ ...INDEXED_APP_ENV, DASHBOARD_DATA_DIR: dataDir });
  const started = app;
  const health = async () => (await (await request.get(`${started.url}/api/health`)).json()) as Health;
  // A busy machine may drop a probe while the server starts: that is "not yet", not a failure.
  const state = () =>
    health().then(
      (h) => h.index.state,
      (e: Error) => `unreachable: ${e.message.split('\n')[0]}`,
    );
  await expect.poll(state, { timeout: 180_000, intervals: [500] }).toBe('live');
  return { app: started, emulator: (await health()).endpoint };
}

/** The list's timer at its slowest: a refresh within seconds can only come from the push. */
async function slowestTimer(page: Page) {
  await page.addInitScript(() =>
    localStorage.setItem('ci-dashboard.preferences', JSON.stringify({ refreshSeconds: 60 })),
  );
}

test('the jobs list updates on a pushed change, with polling a minute apart', async ({ page, request }) => {
  const { app, emulator } = await liveApp(request);
  await slowestTimer(page);
  const pushes: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/events')) pushes.push(r.url());
  });
  await page.goto(`${app.url}/jobs?tag=Transcode&size=50`);
  const rows = await settledRows(page);
  await expect(page.getByTestId('live-source')).toHaveText('live: push');
  expect(pushes[0]).toContain('/api/events?tag=Transcode');

  const running = rows.filter({ has: page.locator('td:nth-child(3)', { hasText: 'Running' }) }).first();
  await expect(running).toBeVisible();
  const jobId = (await running.getByTestId('job-id').textContent())!.trim();
  const row = rows.filter({ has: page.getByTestId('job-id').getByText(jobId, { exact: true }) });
  await expect(row.locator('td:nth-child(3)')).toContainText('Running');

  const listed: number[] = [];
  page.on('request', (r) => {
    if (/\/api\/jobs\?/.test(r.url())) listed.push(Date.now());
  });
  const finishedAt = Date.now();
  const res = await request.put(`${emulator}/__emulator/jobs/${jobId}`, { data: { state: 'Failed' } });
  expect(res.status()).toBe(200);
  await expect(row.locator('td:nth-child(3)')).toContainText('Failed', { timeout: 20_000 });
  // Refetched because of the push, well before the timer's minute.
  expect(listed.length).toBeGreaterThan(0);
  expect(listed[0]! - finishedAt).toBeLessThan(20_000);
});

test('a list of failed jobs is fetched again when a job fails, not for a job that only runs', async ({
  page,
  request,
}) => {
  const { app, emulator } = await liveApp(request);
  await slowestTimer(page);
  // What the page's stream receives, as it receives it (the page's own EventSource, wrapped).
  await page.addInitScript(() => {
    const Native = window.EventSource;
    const pushed: { at: number; states: string[]; ids: string[] }[] = [];
    Object.assign(window, { pushed });
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        this.addEventListener('jobs', (e) => {
          const { jobs } = JSON.parse((e as MessageEvent<string>).data) as { jobs: { id: string; state: string }[] };
          pushed.push({ at: Date.now(), states: jobs.map((j) => j.state), ids: jobs.map((j) => j.id) });
        });
      }
    };
  });
  await page.goto(`${app.url}/jobs?tag=Transcode&states=Failed&size=50`);
  await hydrated(page);
  const rows = await settledRows(page);
  await expect(page.getByTestId('live-source')).toHaveText('live: push');

  // The list's own requests (its count, size=1, follows each of them).
  const listed: number[] = [];
  page.on('request', (r) => {
    if (/\/api\/jobs\?.*size=50/.test(r.url())) listed.push(Date.now());
  });
  const pushed = () =>
    page.evaluate(() => (window as unknown as { pushed: { at: number; states: string[]; ids: string[] }[] }).pushed);
  const since = Date.now();

  // A Transcode job is submitted: the page is told, and its Failed list stays as it is.
  const created = await request.post(`${emulator}/__emulator/jobs`, { data: { state: 'Submitted', tag: 'Transcode' } });
  expect(created.status(), await created.text()).toBe(201);
  const submittedId = ((await created.json()) as { job: { jobId: string } }).job.jobId;
  await expect
    .poll(async () => (await pushed()).some((p) => p.ids.includes(submittedId)), { timeout: 20_000 })
    .toBe(true);
  await page.waitForTimeout(2_000); // past the hook's 300 ms coalescing and a request's way out
  // The living demo may fail a job meanwhile; only such a push may refetch the list.
  const failedPushes = (await pushed()).filter((p) => p.at >= since && p.states.includes('Failed')).length;
  expect(listed.length).toBeLessThanOrEqual(failedPushes);

  // A job fails: the list is fetched again, well before the timer's minute, and offers it as new
  // (held above the rows so that none moves under the operator's eyes), shown on a click.
  const failed = await request.post(`${emulator}/__emulator/jobs`, { data: { state: 'Failed', tag: 'Transcode' } });
  expect(failed.status(), await failed.text()).toBe(201);
  const failedId = ((await failed.json()) as { job: { jobId: string } }).job.jobId;
  const held = page.getByTestId('new-jobs');
  await expect(held).toBeVisible({ timeout: 20_000 });
  await held.click();
  await expect(rows.getByTestId('job-id').getByText(failedId, { exact: true })).toBeVisible();
});
