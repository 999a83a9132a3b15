/**
 * The pages on the job index (a production server of its own with the index on, over the emulator's
 * demo set of 2,000 jobs): the 30-day overview in one /api/overview request with
 * nothing collected in the browser, the list's error-code filter and contains box with "N matching
 * · index", and "export everything matching" streamed by the server (every match, no collection in the browser).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { hydrated, openMenu } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

const ENV = INDEXED_APP_ENV;

/** The parts of the answers the tests read. */
interface JobJson {
  jobId: string;
  code: string | null;
  message: string | null;
  input: { object: string } | null;
  output: { object: string } | null;
}
interface JobsJson {
  jobs: JobJson[];
  total: number;
}
interface OverviewJson {
  total: number;
  failuresByCode: {
    code: string;
    count: number;
    queues: [string, number][];
    messages: [string, number][];
    sampled: number;
  }[];
}

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
  dataDir = mkdtempSync(path.join(tmpdir(), 'index-ui-e2e-'));
  app = await startAppProcess({ ...ENV, DASHBOARD_DATA_DIR: dataDir });
  await expect.poll(() => indexState(request, app.url), { timeout: 240_000, intervals: [1000] }).toBe('live');
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server log', { body: app.log() });
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the 30-day overview is one /api/overview request, no jobs collected, and names the index', async ({
  page,
  request,
}) => {
  const asked: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/')) asked.push(pathname);
  });
  await page.setViewportSize({ width: 1400, height: 1100 });
  await page.goto(`${app.url}/overview?tag=all&range=30d`);
  // "(behind)" is the index's honest word when a sync cycle ran late (lag over 2 × INDEX_POLL_MS + 1 s,
  // 3 s here): on a loaded two-core machine the one answer this page asks for may come in such a second.
  await expect(page.getByTestId('index-source')).toHaveText(
    /^All [\d,]+ matching jobs · index( \(behind\))?, \d+ s ago$/,
  );
  const shown = Number(
    (await page.getByTestId('index-source').textContent())!.match(/All ([\d,]+)/)![1]!.replace(/,/g, ''),
  );
  expect(shown).toBeGreaterThan(500);
  await expect(page.getByTestId('collection-progress')).toHaveCount(0);
  await expect(page.getByTestId('index-fallback')).toHaveCount(0);
  // The header says nothing of a live index (at most, in such a second, that it runs behind).
  await expect(page.locator('[data-testid="index-status"]:not([data-state="behind"])')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Jobs per day by state' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked.filter((p) => p === '/api/overview')).toHaveLength(1);
  expect(asked.filter((p) => p.startsWith('/api/jobs'))).toEqual([]);

  // The tiles add up to what the index counts for the same window.
  const from = new URL(page.url()).searchParams.get('from')!;
  const figures = (await (
    await request.get(`${app.url}/api/overview?tag=all&startCreationTime=${encodeURIComponent(from)}`)
  ).json()) as OverviewJson;
  expect(shown).toBeGreaterThanOrEqual(figures.total - 50); // new jobs keep arriving
  await page.screenshot({ path: 'docs/screenshots/overview-30d-index.png', fullPage: true });
});

test('triage lists each code’s failed jobs from the index, with its queues and messages', async ({ page, request }) => {
  await page.goto(`${app.url}/triage?tag=all&range=7d`);
  await expect(page.getByTestId('index-source')).toBeVisible();
  await expect(page.getByTestId('triage-summary')).toHaveText(/^[\d,]+ failed jobs? in \d+ error codes?$/);
  await expect(page.getByTestId('collection-progress')).toHaveCount(0);
  // The largest group's queues and top message come with /api/overview, as the card shows them.
  await expect(page).toHaveURL(/[?&]from=/);
  const from = new URL(page.url()).searchParams.get('from')!;
  const figures = (await (
    await request.get(
      `${app.url}/api/overview?tag=all&states=Failed&startCreationTime=${encodeURIComponent(from)}&timeZone=%2B08:00`,
    )
  ).json()) as OverviewJson;
  const group = figures.failuresByCode[0]!;
  expect(group.sampled).toBe(Math.min(group.count, 100));
  expect(group.queues.reduce((n, [, c]) => n + c, 0)).toBe(group.sampled);
  expect(group.messages.reduce((n, [, c]) => n + c, 0)).toBe(group.sampled);
  // (new failures may arrive between the page's answer and this one: the shown message is one of the group's)
  const shown = (await page.getByTestId('failure-messages').first().locator('li').first().textContent())!;
  expect(group.messages.map(([m]) => m || '—')).toContain(shown.replace(/^\d+× /, ''));
  await expect(page.getByTestId('failure-queues').first()).toHaveText(/×\d+/);
});

test('the list filters by error code and by "contains", counting the matches from the index', async ({
  page,
  request,
}) => {
  const overview = (await (await request.get(`${app.url}/api/overview?tag=all&states=Failed`)).json()) as OverviewJson;
  const code = overview.failuresByCode.find((g) => g.code !== '')?.code ?? '';
  expect(code).toBeTruthy();

  await page.goto(`${app.url}/jobs?tag=all&range=30d`);
  await hydrated(page);
  await page.getByRole('searchbox', { name: 'Error code' }).fill(code);
  await page.getByRole('searchbox', { name: 'Error code' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`codes=${code}`));
  const label = page.getByTestId('index-source');
  await expect(label).toHaveText(/^[\d,]+ matching · index( \(behind\))?, \d+ s ago$/);
  const total = Number((await label.textContent())!.split(' ')[0]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(0);
  const rows = page.locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  // The index's list of that code has only that code; page 2 continues by the index's cursor.
  const api = (await (await request.get(`${app.url}/api/jobs?tag=all&code=${code}&size=20`)).json()) as JobsJson;
  expect(api.jobs.every((j) => j.code === code)).toBe(true);
  if (total > 20) {
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /next/i }).click();
    await expect(page).toHaveURL(/tokens=\d+\.[A-Za-z0-9_-]+/);
    await expect(page).toHaveURL(/page=2/);
  }

  // Contains: part of an input key; too short is a notice, not a request.
  const sample = api.jobs[0]!;
  const key = sample.input?.object ?? sample.message ?? '';
  const part = key.slice(Math.max(0, key.length - 8));
  await page.goto(`${app.url}/jobs?tag=all&range=30d`);
  await hydrated(page);
  const box = page.getByRole('searchbox', { name: 'Contains' });
  await box.fill('ab');
  await box.press('Enter');
  await expect(page.getByText(/Contains: must be at least 3 characters/)).toBeVisible();
  await box.fill(part);
  await box.press('Enter');
  await expect(label).toHaveText(/^[\d,]+ matching · index/);
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(rows.first()).toBeVisible();
  const matches = (await (
    await request.get(`${app.url}/api/jobs?tag=all&q=${encodeURIComponent(part)}&size=50`)
  ).json()) as JobsJson;
  expect(matches.jobs.length).toBeGreaterThan(0);
  for (const j of matches.jobs)
    expect(`${j.input?.object ?? ''}|${j.output?.object ?? ''}|${j.message ?? ''}`).toContain(part);
});

test('"export everything matching" streams every job from the server', async ({ page, request }) => {
  await page.goto(`${app.url}/jobs?tag=all&range=30d`);
  await hydrated(page);
  await expect(page.locator('tbody tr').first()).toBeVisible();
  await openMenu(page, 'export-button', 'Export');
  const link = page.getByTestId('export-matching-csv');
  await expect(link).toHaveAttribute('href', /^\/api\/jobs\/export\?.*tag=all.*format=csv/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const file = await download.path();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const all = (await (await request.get(`${app.url}/api/jobs?tag=all&source=index&size=1`)).json()) as JobsJson;
  // Every job the index holds (the 30-day window covers the demo set), give or take the ones arriving meanwhile.
  expect(lines.length - 1).toBeGreaterThan(500);
  expect(Math.abs(lines.length - 1 - all.total)).toBeLessThanOrEqual(20);
  expect(lines[0]).toMatch(/jobId|Job ID/i);
});
