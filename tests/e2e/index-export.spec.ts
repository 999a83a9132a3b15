/**
 * "Export everything matching" past the browser's 20,000-job limit: a server with the index on whose
 * store was filled with 21,000 jobs before it started (support/fill-index.ts, the index's own write
 * path), plus what it syncs from the emulator's demo set. The list's export menu links to
 * /api/jobs/export, and the CSV and the JSON it streams each hold every job the index has — more
 * than 20,000 rows, none twice.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { hydrated, openMenu } from './helpers';
import { fillIndexStore, INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ mode: 'serial', timeout: 600_000 });

const FILLED = 21_000;
const BUCKET = 'demo-1250000000';

async function indexState(request: APIRequestContext, url: string): Promise<string> {
  try {
    return ((await (await request.get(`${url}/api/health`)).json()) as { index: { state: string } }).index.state;
  } catch (error) {
    return `unreachable: ${(error as Error).message.split('\n')[0]}`;
  }
}

let dataDir: string;
let app: Started;
test.beforeAll(async ({ request }) => {
  test.setTimeout(600_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'index-export-e2e-'));
  fillIndexStore(dataDir, BUCKET, FILLED);
  // A longer poll than the other index specs: a 21,000-job store must stay live (lag ≤ 2 polls) on a busy machine.
  app = await startAppProcess({ ...INDEXED_APP_ENV, INDEX_POLL_MS: '10000', DASHBOARD_DATA_DIR: dataDir });
  await expect.poll(() => indexState(request, app.url), { timeout: 240_000, intervals: [1000] }).toBe('live');
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server log', { body: app.log() });
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function download(page: import('@playwright/test').Page, format: 'csv' | 'json'): Promise<string> {
  await openMenu(page, 'export-button', 'Export');
  const link = page.getByTestId(`export-matching-${format}`);
  await expect(link).toHaveAttribute('href', new RegExp(`^/api/jobs/export\\?.*tag=all.*format=${format}`));
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 300_000 }), link.click()]);
  return readFileSync(await file.path(), 'utf8');
}

test('the list exports more than 20,000 matching jobs as CSV and as JSON, streamed by the server', async ({
  page,
  request,
}) => {
  await page.goto(`${app.url}/jobs?tag=all&range=30d`);
  await hydrated(page);
  await expect(page.locator('tbody tr').first()).toBeVisible({ timeout: 60_000 });
  const held = (
    (await (await request.get(`${app.url}/api/jobs?tag=all&source=index&size=1`)).json()) as { total: number }
  ).total;
  expect(held).toBeGreaterThan(FILLED);

  const csv = download(page, 'csv');
  const lines = (await csv).trimEnd().split('\n');
  expect(lines[0]).toMatch(/jobId|Job ID/i);
  const csvRows = lines.length - 1;
  expect(csvRows).toBeGreaterThan(20_000);
  // Every job the index holds, give or take the demo jobs arriving meanwhile.
  expect(Math.abs(csvRows - held)).toBeLessThanOrEqual(20);
  const filledIds = lines.filter((l) => l.includes('jfill')).length;
  expect(filledIds).toBe(FILLED);

  await page.keyboard.press('Escape');
  const json = JSON.parse(await download(page, 'json')) as unknown;
  const jobs = (Array.isArray(json) ? json : (json as { jobs: { jobId: string }[] }).jobs) as { jobId: string }[];
  expect(jobs.length).toBeGreaterThan(20_000);
  expect(Math.abs(jobs.length - held)).toBeLessThanOrEqual(20);
  expect(new Set(jobs.map((j) => j.jobId)).size).toBe(jobs.length);
  expect(jobs.filter((j) => j.jobId.startsWith('jfill')).length).toBe(FILLED);
});
