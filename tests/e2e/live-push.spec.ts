/**
 * Live push in the browser: with the job index on, the jobs list opens GET /api/events and shows
 * "live: push"; a job that ends (finished through the emulator's control) changes on screen within
 * seconds while the list's timer is set to a minute — only the push can explain the update.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test } from '@playwright/test';

import { settledRows } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ timeout: 240_000 });

let dataDir: string;
let app: Started | null = null;
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

test('the jobs list updates on a pushed change, with polling a minute apart', async ({ page, request }) => {
  app = await startAppProcess({ ...INDEXED_APP_ENV, DASHBOARD_DATA_DIR: dataDir });
  const health = async () => (await (await request.get(`${app!.url}/api/health`)).json()) as Health;
  // A busy machine may drop a probe while the server starts: that is "not yet", not a failure.
  const state = () =>
    health().then(
      (h) => h.index.state,
      (e: Error) => `unreachable: ${e.message.split('\n')[0]}`,
    );
  await expect.poll(state, { timeout: 180_000, intervals: [500] }).toBe('live');
  const emulator = (await health()).endpoint;

  // The list's timer at its slowest: a refresh within seconds can only come from the push.
  await page.addInitScript(() =>
    localStorage.setItem('ci-dashboard.preferences', JSON.stringify({ refreshSeconds: 60 })),
  );
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
