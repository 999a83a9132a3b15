import { readFile } from 'node:fs/promises';

import { expect, test, type APIRequestContext, type Download, type Page } from '@playwright/test';
import Papa from 'papaparse';

import type { AllTagsPage, JobListItem, JobPage } from '@/lib/ci/types';

import { emulatorUrl, openMenu, rowIds, settledRows } from './helpers';

const FAULTS = () => `${emulatorUrl()}/__emulator/faults`;

test.afterEach(async ({ request }) => {
  await request.delete(FAULTS());
});

/** Jobs created 1–40 days ago and failed: finished long since, so the set cannot change during a test. */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
function settledRange() {
  const now = Date.now();
  return { from: iso(now - 40 * DAY), to: iso(now - DAY) };
}

/** Every job of a list query, paged through our API by hand (100 a page): what an export must hold. */
async function everyJob(request: APIRequestContext, query: string): Promise<JobListItem[]> {
  const all = !new URLSearchParams(query).has('tag');
  const jobs: JobListItem[] = [];
  let token: string | null = null;
  do {
    const paging: string = token ? `&${all ? 'cursor' : 'nextToken'}=${encodeURIComponent(token)}` : '';
    const res = await request.get(`/api/jobs${all ? '/all' : ''}?${query}&size=100${paging}`);
    expect(res.ok(), await res.text()).toBe(true);
    const body = (await res.json()) as JobPage | AllTagsPage;
    jobs.push(...body.jobs);
    token = 'cursor' in body ? body.cursor : body.nextToken || null;
  } while (token);
  return jobs;
}

/** Opens the Export menu (retried until the page has hydrated and the button answers); its item. */
async function openExport(page: Page, testId: string) {
  const menu = await openMenu(page, 'export-button', 'Export');
  return menu.getByTestId(testId);
}

/** Opens the Export menu and presses one of its items. */
async function press(page: Page, testId: string) {
  const item = await openExport(page, testId);
  await expect(item).toBeEnabled();
  await item.click();
  // The menu closes itself.
  await expect(page.getByTestId(testId)).toBeHidden();
}

/** Whether an item of the Export menu can be chosen now (the menu is opened to look, then closed). */
async function expectItem(page: Page, testId: string, enabled: boolean) {
  const item = await openExport(page, testId);
  if (enabled) await expect(item).toBeEnabled();
  else await expect(item).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(item).toBeHidden();
}

async function read(download: Download) {
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

async function exportNow(page: Page, testId: string) {
  const [download] = await Promise.all([page.waitForEvent('download'), press(page, testId)]);
  return read(download);
}

/** A CSV export read back by an independent parser: header, then one record per job. */
function parseCsv(text: string): Record<string, string>[] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = Papa.parse<Record<string, string>>(text.slice(1), {
    header: true,
    delimiter: ',',
    newline: '\r\n',
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

interface ExportDoc {
  exportedAt: string;
  scope: string;
  filters: Record<string, string>;
  count: number;
  complete: boolean;
  jobs: JobListItem[];
}

const STAMP = String.raw`\d{4}-\d\d-\d\dT\d{4}Z`;

test('this list exports the table rows in the table order, as CSV and JSON, and Load more adds to it', async ({
  page,
}) => {
  // Sorted by job ID: the table's order, not CI's.
  await page.goto('/jobs?tag=Transcode&states=Failed&size=20&sort=jobId');
  const ids = await rowIds(page);
  expect(ids).toHaveLength(20);
  expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
  await expect(await openExport(page, 'export-list-csv')).toHaveText('This list (20 rows) as CSV');
  await page.keyboard.press('Escape');

  const csv = await exportNow(page, 'export-list-csv');
  // More failed transcodes exist than one page: the file says it is not the whole set.
  expect(csv.name).toMatch(new RegExp(`^ci-jobs_Transcode_Failed_list_${STAMP}_partial\\.csv$`));
  const records = parseCsv(csv.text);
  expect(records.map((r) => r.jobId)).toEqual(ids);
  for (const r of records) expect(r).toMatchObject({ tag: 'Transcode', state: 'Failed' });
  await expect(page.getByTestId('export-result')).toContainText(
    `Saved 20 rows (the rows on screen, not every matching job) to ${csv.name}`,
  );
  await page.getByTestId('export-dismiss').click();
  await expect(page.getByTestId('export-status')).toHaveCount(0);

  await page.getByTestId('load-more').click();
  await expect(page.getByTestId('accumulate-status')).toHaveText(/^40 loaded/);
  const more = await rowIds(page);
  expect(more).toHaveLength(40);
  const json = await exportNow(page, 'export-list-json');
  expect(json.name).toMatch(new RegExp(`^ci-jobs_Transcode_Failed_list_${STAMP}_partial\\.json$`));
  const doc = JSON.parse(json.text) as ExportDoc;
  expect(doc.jobs.map((j) => j.jobId)).toEqual(more);
  expect(doc).toMatchObject({
    scope: 'list',
    count: 40,
    complete: false,
    filters: { tag: 'Transcode', states: 'Failed', orderByTime: 'Desc' },
  });
  expect(doc.filters).not.toHaveProperty('size');
});

test('everything matching the filters: every job the API lists, as CSV and as JSON', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { from, to } = settledRange();
  const query = `tag=Transcode&states=Failed&startCreationTime=${from}&endCreationTime=${to}&orderByTime=Desc`;
  const expected = await everyJob(request, query);
  // More than a page of the collection (100), so paging is part of what is checked.
  expect(expected.length).toBeGreaterThan(100);

  await page.goto(`/jobs?tag=Transcode&states=Failed&range=custom&from=${from}&to=${to}&size=10`);
  await settledRows(page);

  const [csvDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    press(page, 'export-matching-csv'),
  ]);
  const csv = await read(csvDownload);
  expect(csv.name).toMatch(new RegExp(`^ci-jobs_Transcode_Failed_${STAMP}\\.csv$`));
  const records = parseCsv(csv.text);
  expect(records.map((r) => r.jobId)).toEqual(expected.map((j) => j.jobId));
  expect(records.map((r) => [r.tag, r.state, r.code])).toEqual(expected.map((j) => [j.tag, j.state, j.code ?? '']));
  await expect(page.getByTestId('export-result')).toHaveText(
    `Saved all ${expected.length.toLocaleString('en-US')} matching jobs to ${csv.name}`,
  );
  await expect(page.getByTestId('export-result')).toHaveAttribute('data-status', 'complete');

  const [jsonDownload] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    press(page, 'export-matching-json'),
  ]);
  const json = await read(jsonDownload);
  expect(json.name).toMatch(new RegExp(`^ci-jobs_Transcode_Failed_${STAMP}\\.json$`));
  const doc = JSON.parse(json.text) as ExportDoc;
  // Exactly what the API gave: the whole JobListItem of every job, in the API's order.
  expect(doc.jobs).toEqual(expected);
  expect(doc).toMatchObject({
    scope: 'matching',
    count: expected.length,
    complete: true,
    filters: { tag: 'Transcode', states: 'Failed', startCreationTime: from, endCreationTime: to, orderByTime: 'Desc' },
  });
  expect(Date.parse(doc.exportedAt)).not.toBeNaN();
});

test('everything across all tags (tag=all) goes through the all-tags list', async ({ page, request }) => {
  test.setTimeout(120_000);
  const { from, to } = settledRange();
  const expected = await everyJob(
    request,
    `states=Failed&startCreationTime=${from}&endCreationTime=${to}&orderByTime=Asc`,
  );
  expect(new Set(expected.map((j) => j.tag)).size).toBeGreaterThan(1);

  await page.goto(`/jobs?tag=all&states=Failed&range=custom&from=${from}&to=${to}&order=asc`);
  await settledRows(page);
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 90_000 }),
    press(page, 'export-matching-json'),
  ]);
  const json = await read(download);
  expect(json.name).toMatch(new RegExp(`^ci-jobs_all-tags_Failed_${STAMP}\\.json$`));
  const doc = JSON.parse(json.text) as ExportDoc;
  expect(doc.jobs.map((j) => j.jobId)).toEqual(expected.map((j) => j.jobId));
  expect(doc).toMatchObject({
    scope: 'matching',
    complete: true,
    count: expected.length,
    filters: { tag: 'all', states: 'Failed', orderByTime: 'Asc' },
  });
});

test('a slow collection shows its progress, and Cancel stops it without saving anything', async ({ page, request }) => {
  test.setTimeout(90_000);
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.goto('/jobs?tag=Transcode&size=10');
  await settledRows(page);
  // Every CI request now takes 800 ms: the collection of ~15 pages takes seconds, not milliseconds.
  const put = await request.put(FAULTS(), { data: { latencyMs: 800 } });
  expect(put.ok(), await put.text()).toBe(true);

  await press(page, 'export-matching-csv');
  const progress = page.getByTestId('collection-progress');
  await expect(progress).toHaveAttribute('data-status', 'loading');
  await expect(progress.getByTestId('collection-count')).toHaveText(/^Loaded [1-9][\d,]* of ≥ [\d,]+ jobs to export…$/);
  // Export is busy: a second collection cannot be started on top of it.
  await expectItem(page, 'export-matching-json', false);
  await progress.getByTestId('collection-cancel').click();

  const result = page.getByTestId('export-result');
  await expect(result).toHaveAttribute('data-status', 'cancelled');
  await expect(result).toHaveText(/^Export cancelled after [1-9][\d,]* jobs; nothing was saved\.$/);
  await expect(page.getByTestId('collection-progress')).toHaveCount(0);
  await expectItem(page, 'export-matching-json', true);

  // The next file the browser receives is the list saved now: the cancelled export never came.
  await request.delete(FAULTS());
  const list = await exportNow(page, 'export-list-csv');
  expect(list.name).toMatch(/_list_/);
  expect(downloads).toEqual([list.name]);
});
