/**
 * Operator usability, issue 16 items 3, 4 and 9, walked as an operator does them:
 * - the find box searches every tag (CI's All tags for 30 days here; one index query on a server
 *   with the job index, below), says where it searched and offers the tag that was on screen;
 * - a Transcode job's media info is labelled as the output's, shows its input's beside it (from a
 *   MediaInfo job on the same input object) and links to those MediaInfo jobs;
 * - triage and its support summaries name queues beside their IDs, the CSV has a queueName column,
 *   and "Copy link" copies the address that reopens the view.
 * Actions counted for the report are in the comments (a click, a keypress or a typed text is one).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import Papa from 'papaparse';

import { mediaSummary } from '@/features/jobs/detail/media-summary';
import type { Job, JobListItem, Queue } from '@/lib/ci/types';
import { toIsoSeconds } from '@/lib/format';

import { settledWindow } from './collect';
import { hydrated, listJobs, openMenu, rowIds, settledRows } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

const DAY = 86_400_000;
const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

async function queueNames(request: APIRequestContext, base = ''): Promise<Map<string, string>> {
  const res = await request.get(`${base}/api/queues`);
  expect(res.ok()).toBe(true);
  const { queues } = (await res.json()) as { queues: Queue[] };
  return new Map(queues.filter((q) => q.name).map((q) => [q.queueId, q.name!]));
}

/** A successful MediaInfo job with an input object, created in the last 20 days. */
async function recentMediaInfoJob(request: APIRequestContext, base = ''): Promise<JobListItem> {
  const since = encodeURIComponent(toIsoSeconds(Date.now() - 20 * DAY));
  const res = await request.get(`${base}/api/jobs?tag=MediaInfo&states=Success&size=20&startCreationTime=${since}`);
  expect(res.ok()).toBe(true);
  const { jobs } = (await res.json()) as { jobs: JobListItem[] };
  const job = jobs.find((j) => j.input?.object);
  expect(job, 'a MediaInfo job with an input object').toBeTruthy();
  return job!;
}

async function findBox(page: Page) {
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  // The rows come with the server's HTML; the box acts once the page has hydrated.
  await settledRows(page);
  return box;
}

test('the find box searches every tag: an input key typed on the Transcode list finds its MediaInfo job', async ({
  page,
  request,
}) => {
  const target = await recentMediaInfoJob(request);
  const key = target.input!.object!;
  await page.goto('/jobs?tag=Transcode');
  await hydrated(page);
  const box = await findBox(page);

  // Before: type the key, Enter → nothing under the tag on screen; change Tag to All tags → 3 actions
  // (and knowing to do it). Now: type, Enter → 2.
  await box.fill(key); // 1
  const hint = page.getByTestId('find-job-hint');
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('exactly this key');
  await expect(hint.getByTestId('find-all')).toHaveText('Search all tags · CI, last 30 days — Enter');
  await expect(hint.getByTestId('find-here')).toHaveText('Only Transcode — Alt+Enter');
  await box.press('Enter'); // 2

  await expect(page).toHaveURL(/[?&]tag=all(&|$)/);
  expect(new URL(page.url()).searchParams.get('input')).toBe(key);
  await expect(page.getByTestId('find-scope')).toHaveText('all tags · CI, last 30 days');
  await expect(page.getByTestId('find-result-note')).toContainText(key);
  await expect(hint).toHaveClass(/sr-only/); // the hint steps aside once the search is made
  await expect.poll(() => rowIds(page)).toContain(target.jobId);
  const rows = await settledRows(page);
  for (const text of await rows.allTextContents()) expect(text).toContain(key.slice(0, 12));

  // Narrowing to the tag that was on screen is one click, and back again another.
  await page.getByTestId('find-other-scope').click();
  await expect(page).toHaveURL(/[?&]tag=Transcode(&|$)/);
  expect(new URL(page.url()).searchParams.get('input')).toBe(key);
  await expect(page.getByTestId('find-scope')).toHaveText('Transcode · CI');
  await expect(page.getByTestId('find-other-scope')).toHaveText('Search all tags · CI, last 30 days');

  // Alt+Enter keeps to the tag on screen from the box itself.
  await page.goto('/jobs?tag=MediaInfo');
  await hydrated(page);
  const again = await findBox(page);
  await again.fill(key);
  await again.press('Alt+Enter');
  await expect(page).toHaveURL(/[?&]tag=MediaInfo(&|$)/);
  await expect(page.getByTestId('find-scope')).toHaveText('MediaInfo · CI');
  await expect.poll(() => rowIds(page)).toContain(target.jobId);
});

test("a Transcode job's media info is the output's, with its input's beside it and the MediaInfo jobs a click away", async ({
  page,
  request,
}) => {
  // A Transcode job whose input object a MediaInfo job has probed.
  const { jobs } = await listJobs(request, 'tag=Transcode&states=Success&size=100');
  let transcode: JobListItem | undefined;
  let probeId: string | undefined;
  for (const job of jobs) {
    if (!job.input?.object) continue;
    const found = await listJobs(
      request,
      `tag=MediaInfo&states=Success&size=1&inputObject=${encodeURIComponent(job.input.object)}`,
    );
    if (found.jobs[0]) {
      transcode = job;
      probeId = found.jobs[0].jobId;
      break;
    }
  }
  expect(transcode, 'a Transcode job whose input has a MediaInfo job').toBeTruthy();
  const key = transcode!.input!.object!;
  const detail = async (id: string) =>
    ((await (await request.get(`/api/jobs/${id}`)).json()) as { job: Job }).job.operation!.mediaInfo!;
  const inputInfo = await detail(probeId!);
  const outputInfo = await detail(transcode!.jobId);

  await page.goto('/jobs?tag=Transcode&states=Success');
  const rows = await settledRows(page);
  await expect(rows.first()).toBeVisible();
  // Before: open the job, copy its input key, open the find box, paste, Enter, switch the tag to
  // MediaInfo, open the MediaInfo job → 7 actions to see the input. Now: open the job (1), the
  // input's summary is beside the output's; one more click lists the MediaInfo jobs.
  await page.goto(`/jobs?tag=Transcode&states=Success&job=${transcode!.jobId}`);
  await hydrated(page);
  // The detail's code loads with the first job opened: slow on a busy machine.
  await expect(page.getByTestId('job-detail')).toBeVisible({ timeout: 45_000 });
  const section = page.getByTestId('detail-media-info');
  await expect(section.getByRole('heading', { name: 'Output media info' })).toBeVisible();
  await expect(section.getByTestId('output-media-summary')).toHaveText(mediaSummary(outputInfo));
  await expect(section.getByTestId('input-media-summary')).toContainText(mediaSummary(inputInfo));
  await expect(section.getByTestId('input-media-summary')).toContainText(probeId!);

  await section.getByRole('link', { name: 'MediaInfo jobs on this input →' }).click(); // 2
  await expect(page).toHaveURL(/[?&]tag=MediaInfo(&|$)/);
  expect(new URL(page.url()).searchParams.get('input')).toBe(key);
  await expect.poll(() => rowIds(page)).toContain(probeId!);
  for (const text of await (await settledRows(page)).allTextContents()) expect(text).toContain('MediaInfo');

  // The MediaInfo job itself says its media info is the input's.
  await page.goto(`/jobs/${probeId}`);
  await expect(page.getByTestId('detail-media-info').getByRole('heading', { name: 'Input media info' })).toBeVisible();
  await expect(page.getByTestId('media-compare')).toHaveCount(0);
});

test('triage and its support summary name the queue beside its ID; the CSV has queueName', async ({
  page,
  request,
}) => {
  const names = await queueNames(request);
  expect(names.size).toBeGreaterThan(0);
  const { from, to } = settledWindow(8, 48);
  await page.goto(`/triage?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await hydrated(page);
  await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });

  // Before: the queue ID only; its name took opening the list's Queue filter and finding the ID among
  // its options (3 actions). Now: on the card, 0.
  const group = page.getByTestId('failure-group').first();
  await group.getByTestId('toggle-failure-jobs').click();
  const jobId = (await group.getByTestId('failure-job').first().getAttribute('data-job-id'))!;
  const { job } = (await (await request.get(`/api/jobs/${jobId}`)).json()) as { job: Job };
  const name = names.get(job.queueId!);
  expect(name, `queue ${job.queueId} has a name`).toBeTruthy();
  await expect(group.getByTestId('failure-queues')).toContainText(`${name} (${job.queueId})`);

  await group.getByTestId('copy-group-summary').click();
  await expect(group.getByTestId('copy-group-summary')).toHaveText('✓ Copied');
  const summary = await clipboard(page);
  expect(summary).toMatch(new RegExp(`^Queues: .*${name} \\(${job.queueId}\\) ×\\d+`, 'm'));
  expect(summary).toContain(`Queue: ${name} (${job.queueId})`);

  await group.getByTestId('failure-job').first().getByTestId('copy-job-summary').click();
  await expect.poll(() => clipboard(page)).toContain(`Job ID: ${jobId}`);
  expect(await clipboard(page)).toContain(`Queue: ${name} (${job.queueId})`);

  // The list's CSV: queueName beside queueId.
  await page.goto(`/jobs?tag=Transcode&states=Failed`);
  await settledRows(page);
  const menu = await openMenu(page, 'export-button', 'Export');
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByTestId('export-list-csv').click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const [header, ...records] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
  const at = (h: string) => header!.indexOf(h);
  expect(at('queueName')).toBe(at('queueId') + 1);
  expect(records.length).toBeGreaterThan(0);
  for (const r of records) expect(r[at('queueName')]).toBe(names.get(r[at('queueId')]!) ?? '');
  expect(records.some((r) => r[at('queueName')] !== '')).toBe(true);
});

test('"Copy link" copies the address that reopens the view: list, overview, triage', async ({ page, context }) => {
  // Before: select the address bar and copy it (2 actions, and not from the keyboard-only flow of the
  // page). Now: one click, announced.
  await page.goto('/jobs?tag=Snapshot&states=Failed&size=10&sort=-created');
  const ids = await rowIds(page);
  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('copy-link')).toHaveText('✓ Link copied');
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toHaveCount(1);
  const link = await clipboard(page);
  expect(link).toBe(page.url());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/jobs\?/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('filter-tag')).toHaveValue('Snapshot');
  expect(await rowIds(other)).toEqual(ids);
  await other.close();

  const { from, to } = settledWindow(8, 24);
  const span = `range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
  for (const where of [`/overview?tag=Transcode&${span}`, `/triage?tag=Transcode&${span}`]) {
    await page.goto(where);
    await hydrated(page);
    const button = page.getByTestId('copy-link');
    await expect(async () => {
      await button.click();
      await expect(button).toHaveText('✓ Link copied', { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    const copied = await clipboard(page);
    expect(copied).toBe(page.url());
    const search = new URL(copied).searchParams;
    expect(search.get('tag')).toBe('Transcode');
    expect(search.get('from')).toBe(from);
    expect(search.get('to')).toBe(to);
  }
});

test.describe('with the job index', () => {
  // Opening the embedded store takes about a minute on a loaded machine, before the backfill starts.
  test.describe.configure({ mode: 'serial', timeout: 600_000 });
  let dataDir: string;
  let app: Started;
  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'names-find-e2e-'));
    app = await startAppProcess({ ...INDEXED_APP_ENV, DASHBOARD_DATA_DIR: dataDir });
    const state = async () => {
      try {
        const res = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(20_000) });
        return ((await res.json()) as { index?: { state: string } }).index?.state ?? `no index (${res.status})`;
      } catch (error) {
        return `unreachable: ${(error as Error).message}`;
      }
    };
    try {
      await expect.poll(state, { timeout: 540_000, intervals: [1000] }).toBe('live');
    } catch (error) {
      throw new Error(`the indexed server did not become live:\n${app.log().slice(-3000)}`, { cause: error });
    }
  });
  test.afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('the find box asks the index once, over every tag, and says so', async ({ page, request }) => {
    const target = await recentMediaInfoJob(request, app.url);
    const key = target.input!.object!;
    await page.goto(`${app.url}/jobs?tag=Transcode`);
    await hydrated(page);
    const box = await findBox(page);
    // The header learns the index's state from /api/health.
    await box.fill(key);
    await expect(page.getByTestId('find-all')).toHaveText('Search all tags · index — Enter');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/jobs(\/all)?\?/.test(r.url())) asked.push(r.url());
    });
    await box.press('Enter');
    await expect(page.getByTestId('find-scope')).toHaveText('all tags · index');
    expect(new URL(page.url()).searchParams.get('q')).toBe(key);
    await expect.poll(() => rowIds(page)).toContain(target.jobId);
    await expect(page.getByTestId('index-source')).toContainText('matching · index');
    // One index query answered the list (no per-tag CI walk through /api/jobs/all).
    expect(asked.filter((u) => u.includes('/api/jobs/all'))).toEqual([]);
    expect(asked.some((u) => new URL(u).searchParams.get('q') === key)).toBe(true);

    await page.getByTestId('find-other-scope').click();
    await expect(page.getByTestId('find-scope')).toHaveText('Transcode · index');
    expect(new URL(page.url()).searchParams.get('tag')).toBe('Transcode');
  });
});
