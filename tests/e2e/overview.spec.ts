import { expect, test, type Page } from '@playwright/test';

import type { JobListItem } from '@/lib/ci/types';

import { allTagsJobs, settledWindow } from './collect';
import { emulatorUrl, hydrated, rowIds } from './helpers';

const FAULTS = () => `${emulatorUrl()}/__emulator/faults`;
const STATES = ['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'];

test.afterEach(async ({ request }) => {
  await request.delete(FAULTS());
});

function countStates(jobs: readonly JobListItem[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(STATES.map((s) => [s, 0]));
  for (const j of jobs) counts[j.state] = (counts[j.state] ?? 0) + 1;
  return counts;
}

async function collected(page: Page) {
  await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
}

const tile = (page: Page, state: string) => page.locator(`[data-testid="state-tile"][data-state="${state}"]`);

test('the counts per state are every job the emulator holds for the window, and a tile opens the list', async ({
  page,
  request,
}) => {
  const { from, to } = settledWindow(8, 24);
  const query = `startCreationTime=${encodeURIComponent(from)}&endCreationTime=${encodeURIComponent(to)}`;
  const jobs = await allTagsJobs(request, query);
  expect(jobs.length).toBeGreaterThan(100); // more than one page of collection
  const expected = countStates(jobs);

  await page.goto(`/overview?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await hydrated(page);
  await collected(page);
  // This server runs without the job index (INDEX=off): the page collects, and says why.
  await expect(page.getByTestId('index-fallback')).toContainText('off on this server');
  await expect(page.getByTestId('collection-count')).toHaveText(
    `All ${jobs.length.toLocaleString('en-US')} matching jobs`,
  );
  await expect(tile(page, 'All')).toHaveAttribute('data-count', String(jobs.length));
  for (const state of STATES)
    await expect(tile(page, state), state).toHaveAttribute('data-count', String(expected[state]));

  // The hourly chart accounts for every job: its segments add up to the same counts per state.
  const segments = page.getByTestId('time-segment');
  await expect(segments.first()).toBeVisible();
  const drawn = await segments.evaluateAll((els) =>
    els.map((el) => ({ state: el.getAttribute('data-state')!, count: Number(el.getAttribute('data-count')) })),
  );
  const sums: Record<string, number> = {};
  for (const s of drawn) sums[s.state] = (sums[s.state] ?? 0) + s.count;
  for (const state of STATES) expect(sums[state] ?? 0, state).toBe(expected[state]);

  // The Failed tile opens the jobs list with the same window and that state.
  await tile(page, 'Failed').click();
  await expect(page).toHaveURL(/\/jobs\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('tag')).toBe('all');
  expect(url.searchParams.get('states')).toBe('Failed');
  expect(url.searchParams.get('from')).toBe(from);
  expect(url.searchParams.get('to')).toBe(to);
});

test('clicking a bar segment lists exactly the jobs of that hour and state', async ({ page, request }) => {
  const { from, to } = settledWindow(8, 24);
  const jobs = await allTagsJobs(
    request,
    `startCreationTime=${encodeURIComponent(from)}&endCreationTime=${encodeURIComponent(to)}`,
  );
  await page.goto(`/overview?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await hydrated(page);
  await collected(page);

  // The tallest Success segment that still fits on one page of the list (20 rows).
  await expect(page.getByTestId('time-segment').first()).toBeVisible(); // the charts load after the counts
  const segments = await page.getByTestId('time-segment').evaluateAll((els) =>
    els.map((el) => ({
      state: el.getAttribute('data-state')!,
      start: Number(el.getAttribute('data-start')),
      count: Number(el.getAttribute('data-count')),
    })),
  );
  const target = segments
    .filter((s) => s.state === 'Success' && s.count > 0 && s.count <= 20)
    .sort((a, b) => b.count - a.count)[0];
  expect(target, 'a Success segment of 1–20 jobs').toBeTruthy();
  const start = target!.start;
  const expectedIds = jobs
    .filter((j) => j.state === 'Success')
    .filter((j) => {
      const ms = Date.parse(j.creationTime!);
      return ms >= start && ms < start + 3_600_000;
    })
    .map((j) => j.jobId);
  expect(expectedIds).toHaveLength(target!.count);

  await page.locator(`[data-testid="time-segment"][data-state="Success"][data-start="${start}"]`).click();
  await expect(page).toHaveURL(/\/jobs\?/);
  const url = new URL(page.url());
  expect(url.searchParams.get('states')).toBe('Success');
  expect(url.searchParams.get('range')).toBe('custom');
  expect(Date.parse(url.searchParams.get('from')!)).toBe(Math.max(start, Date.parse(from)));
  expect(Date.parse(url.searchParams.get('to')!)).toBe(Math.min(start + 3_599_000, Date.parse(to)));
  expect((await rowIds(page)).sort()).toEqual([...expectedIds].sort());
});

test('a failure-code bar opens triage at that code', async ({ page }) => {
  const { from, to } = settledWindow(8, 24);
  await page.goto(`/overview?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await hydrated(page);
  await collected(page);
  const bar = page.getByTestId('failure-bar').first();
  await expect(bar).toBeVisible();
  const code = (await bar.getAttribute('data-code'))!;
  const count = (await bar.getAttribute('data-count'))!;
  await bar.click();
  await expect(page).toHaveURL(new RegExp(`/triage\\?.*code=${code}`));
  const group = page.locator(`[data-testid="failure-group"][data-code="${code}"]`);
  await expect(group).toHaveAttribute('data-count', count, { timeout: 45_000 });
  await expect(group.getByTestId('failure-job').first()).toBeVisible();
});

test('a long collection shows its progress and Cancel stops it', async ({ page, request }) => {
  test.setTimeout(90_000);
  const put = await request.put(FAULTS(), { data: { latencyMs: 1200 } });
  expect(put.ok(), await put.text()).toBe(true);

  // No filter in the link: the server writes the defaults (every tag, last 24 h) into it.
  await page.goto('/overview');
  await expect(page).toHaveURL(/tag=all&range=24h&from=/);
  // 30 days is about 5,000 jobs: 50 slow pages.
  await page.goto('/overview?tag=all&range=30d');
  await hydrated(page);
  await expect(page).toHaveURL(/from=/);
  const progress = page.getByTestId('collection-progress');
  await expect(progress).toHaveAttribute('data-status', 'loading');
  await expect(page.getByTestId('collection-count')).toHaveText(/^Loaded [1-9][\d,]* of ≥ [1-9][\d,]* jobs…$/, {
    timeout: 30_000,
  });
  await page.getByTestId('collection-cancel').click();
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
  const text = (await page.getByTestId('collection-count').textContent())!;
  const loaded = Number(/after ([\d,]+) jobs/.exec(text)![1]!.replace(/,/g, ''));
  expect(loaded).toBeGreaterThan(0);
  expect(loaded).toBeLessThan(4_000);
  await expect(page.getByTestId('state-tiles')).toHaveAttribute('data-partial', 'true');
  await expect(tile(page, 'All')).toHaveAttribute('data-count', String(loaded));

  // Stopped for good: no further page arrives (the next would have come within ~1.5 s).
  await page.waitForTimeout(3_000);
  await expect(tile(page, 'All')).toHaveAttribute('data-count', String(loaded));
  await expect(progress).toHaveAttribute('data-status', 'cancelled');
});

test('the chart library is loaded by the overview only, not by the jobs list', async ({ page }) => {
  const scripts: Promise<string>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() === 'script') scripts.push(res.text().catch(() => ''));
  });
  // A class name recharts writes into every bar chart.
  const hasCharts = async () => (await Promise.all(scripts)).some((body) => body.includes('recharts-bar-rectangle'));

  await page.goto('/jobs?tag=all');
  await expect(page.getByTestId('jobs-table')).toBeVisible();
  expect(await hasCharts()).toBe(false);

  scripts.length = 0;
  const { from, to } = settledWindow(8, 3);
  await page.goto(`/overview?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await expect(page.getByTestId('chart-jobs-over-time')).toBeVisible({ timeout: 45_000 });
  expect(await hasCharts()).toBe(true);
});

test('the header’s Jobs · Overview · Triage carry the filters and bucket; the bucket switcher stays on the overview', async ({
  page,
}) => {
  const { from, to } = settledWindow(8, 24);
  const window = `range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  await page.goto(`/jobs?tag=all&${window}&size=50&sort=-created`);
  await hydrated(page);
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await expect(sections.getByRole('link', { name: 'Jobs' })).toHaveAttribute('aria-current', 'page');

  await sections.getByRole('link', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/overview\?/);
  const overviewUrl = new URL(page.url());
  expect(overviewUrl.searchParams.get('tag')).toBe('all');
  expect(overviewUrl.searchParams.get('from')).toBe(from);
  expect(overviewUrl.searchParams.get('to')).toBe(to);
  expect(overviewUrl.searchParams.has('sort')).toBe(false);
  await collected(page);

  await sections.getByRole('link', { name: 'Triage' }).click();
  await expect(page).toHaveURL(/\/triage\?/);
  expect(new URL(page.url()).searchParams.get('tag')).toBe('all');

  // Back to the list from triage: the failed jobs of every tag in the same window, as the API lists them.
  await sections.getByRole('link', { name: 'Jobs' }).click();
  await expect(page).toHaveURL(/\/jobs\?/);
  const listUrl = new URL(page.url());
  expect(Object.fromEntries(['tag', 'states', 'from', 'to'].map((k) => [k, listUrl.searchParams.get(k)]))).toEqual({
    tag: 'all',
    states: 'Failed',
    from,
    to,
  });
  const res = await page.request.get(
    `/api/jobs/all?states=Failed&startCreationTime=${encodeURIComponent(from)}&endCreationTime=${encodeURIComponent(to)}&orderByTime=Desc&size=20`,
  );
  const expected = ((await res.json()) as { jobs: JobListItem[] }).jobs.map((j) => j.jobId);
  expect(expected.length, 'the settled window has failed jobs').toBeGreaterThan(0);
  await expect.poll(() => rowIds(page)).toEqual(expected);

  // Switching the bucket on the overview keeps the page and its filters.
  await page.goto(`/overview?tag=all&${window}`);
  await hydrated(page);
  await collected(page);
  await page.getByTestId('bucket-switcher').selectOption('media-1250000001');
  await expect(page).toHaveURL(/\/overview\?.*bucket=media-1250000001/);
  expect(new URL(page.url()).searchParams.get('from')).toBe(from);
  await collected(page);
});
