/**
 * Issue 16, items 5, 6 and 10, walked as an operator would, with times shown in +08:00 (the
 * preference) while the browser itself runs in UTC, so a day in the chosen zone is not the browser's:
 * - a link whose "Last 24 h" was anchored six days ago says "since …" and "Move to now" re-anchors it
 *   (list and overview), the URL following;
 * - Yesterday lists yesterday in the chosen zone; an impossible or incomplete custom date is named;
 * - without the job index, "Count" counts the matching jobs (and can be cancelled); with it (a server
 *   of its own), the total stands beside the page indicator.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { hydrated, listJobs, settledRows } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

const H = 3_600_000;
const D = 24 * H;
const CST = 8 * H;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
/** `11-25 17:09`, as the range control shows an instant in +08:00. */
const shortCst = (ms: number) => new Date(ms + CST).toISOString().slice(5, 16).replace('T', ' ');

/** The operator chose +08:00 in the display settings earlier (a preference kept in this browser). */
async function chooseChinaTime(page: Page) {
  await page.addInitScript(() => {
    if (!localStorage.getItem('ci-dashboard.preferences'))
      localStorage.setItem('ci-dashboard.preferences', JSON.stringify({ timeZone: 'cst' }));
  });
}

const createdRange = (page: Page) => page.getByLabel(/^Created:/);
const urlParam = (page: Page, name: string) => new URL(page.url()).searchParams.get(name) ?? '';

/** The table of a page just opened: on a busy machine the first answer can take longer than an expect's 15 s. */
async function tableShown(page: Page) {
  const table = page.getByTestId('jobs-table');
  await expect(table).toHaveAttribute('data-hydrated', 'true', { timeout: 60_000 });
  await expect(table).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  return settledRows(page);
}

async function createdTimes(page: Page): Promise<number[]> {
  const rows = await tableShown(page);
  const times = await rows
    .locator('td:nth-child(7) time')
    .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  return times.map((t) => Date.parse(t));
}

test.describe('ranges and counts on the emulator (no job index)', () => {
  test.beforeEach(async ({ page }) => chooseChinaTime(page));

  test('a "Last 24 h" link anchored six days ago says since when, and Move to now re-anchors it', async ({ page }) => {
    const anchor = Math.floor((Date.now() - 6 * D - D) / 1000) * 1000;
    await page.goto(`/jobs?tag=Transcode&order=asc&size=10&range=24h&from=${iso(anchor)}`);
    await hydrated(page);
    // The server's HTML cannot know the browser's clock; the label is checked once the page runs.
    await tableShown(page);
    // Not "Last 24 h": the list holds a week of jobs, and says so.
    await expect(createdRange(page)).toHaveAttribute('aria-label', `Created: since ${shortCst(anchor)}`);
    const stale = await createdTimes(page);
    expect(stale.length).toBeGreaterThan(0);
    expect(Math.min(...stale)).toBeLessThan(Date.now() - 2 * D);

    await page.getByRole('button', { name: 'Move to now' }).click();
    await expect(createdRange(page)).toHaveAttribute('aria-label', 'Created: Last 24 h');
    await expect(page.getByRole('button', { name: 'Move to now' })).toHaveCount(0);
    // The address is honest too: a copied link now starts 24 h ago.
    const from = Date.parse(urlParam(page, 'from'));
    expect(Math.abs(from - (Date.now() - D))).toBeLessThan(2 * 60_000);
    expect(urlParam(page, 'range')).toBe('24h');
    await expect.poll(async () => Math.min(...(await createdTimes(page)))).toBeGreaterThanOrEqual(from);
  });

  test('the overview of a stale link says the same and moves to now', async ({ page }) => {
    const anchor = Math.floor((Date.now() - 6 * D - D) / 1000) * 1000;
    await page.goto(`/overview?tag=all&range=24h&from=${iso(anchor)}`);
    await hydrated(page);
    await expect(createdRange(page)).toHaveAttribute('aria-label', `Created: since ${shortCst(anchor)}`);
    await page.getByRole('button', { name: 'Move to now' }).click();
    await expect(createdRange(page)).toHaveAttribute('aria-label', 'Created: Last 24 h');
    expect(Math.abs(Date.parse(urlParam(page, 'from')) - (Date.now() - D))).toBeLessThan(2 * 60_000);
  });

  test('Yesterday lists yesterday in the chosen zone (+08:00), not the browser’s (UTC)', async ({ page }) => {
    await page.goto('/jobs?tag=Transcode&order=asc&size=100');
    await hydrated(page);
    await tableShown(page);
    await createdRange(page).click();
    await expect(page.getByRole('button', { name: 'Today' })).toBeVisible();
    await page.getByRole('button', { name: 'Yesterday' }).click();
    await expect(page).toHaveURL(/range=yesterday/);
    await expect(createdRange(page)).toHaveAttribute('aria-label', 'Created: Yesterday');

    const now = Date.now();
    const startToday = Math.floor((now + CST) / D) * D - CST;
    expect(urlParam(page, 'from')).toBe(iso(startToday - D));
    expect(urlParam(page, 'to')).toBe(iso(startToday - 1000));
    const times = await createdTimes(page);
    expect(times.length).toBeGreaterThan(0);
    for (const t of times) {
      expect(t).toBeGreaterThanOrEqual(startToday - D);
      expect(t).toBeLessThan(startToday);
    }
    // The oldest of yesterday's jobs opens the list: nothing of the day before.
    const api = await listJobs(
      page.request,
      `tag=Transcode&orderByTime=Asc&size=1&startCreationTime=${iso(startToday - D)}&endCreationTime=${iso(startToday - 1000)}`,
    );
    expect(await (await settledRows(page)).first().getByTestId('job-id').textContent()).toBe(api.jobs[0]?.jobId);
  });

  test('the range panel, loaded on its first use from the keyboard, takes focus and applies a preset', async ({
    page,
  }) => {
    await page.goto('/jobs?tag=Transcode&order=asc&size=10');
    await hydrated(page);
    await tableShown(page);
    // The panel's code loads with the popover when the button is first wanted (bench P5).
    await createdRange(page).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('dialog', { name: /^Created:/ });
    await expect(panel.getByRole('group', { name: 'Presets' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'Last 1 h' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/range=1h/);
    await expect(createdRange(page)).toHaveAttribute('aria-label', 'Created: Last 1 h');
  });

  test('an incomplete, six-digit-year or impossible date is named, never ignored', async ({ page }) => {
    await page.goto('/jobs?tag=Transcode');
    await hydrated(page);
    await tableShown(page);
    const before = page.url();
    await createdRange(page).click();
    const fromField = page.getByLabel('From', { exact: true });

    // Half a date: the browser leaves the field's value empty, which used to mean "no bound".
    await fromField.click();
    await page.keyboard.type('11');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await expect(page.getByText(/^From: not a complete, real date/)).toBeVisible();
    expect(page.url()).toBe(before);

    await fromField.fill('202611-11-25T17:09');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await expect(page.getByText('From: year 202611 is not a date (the year has 4 digits).')).toBeVisible();
    await expect(page.getByText(/^From: not a complete/)).toHaveCount(0);
    await expect(fromField).toHaveAttribute('aria-invalid', 'true');
    expect(page.url()).toBe(before);

    // A good date is taken, in the chosen zone.
    await fromField.fill('2026-02-28T10:00');
    await page.getByRole('button', { name: 'Apply range' }).click();
    await expect(page).toHaveURL(/range=custom/);
    expect(urlParam(page, 'from')).toBe('2026-02-28T10:00:00+08:00');

    // A hand-made link with February 30 is named, and nothing is asked of CI.
    await page.goto('/jobs?tag=Transcode&range=custom&from=2026-02-30T00:00:00Z');
    await expect(page.getByTestId('view-issues')).toContainText('Created from: 2026-02-30 is not a date');
    await expect(page.getByTestId('jobs-table')).toHaveCount(0);
  });

  test('Count counts every matching job without the index, and can be cancelled', async ({ page, request }) => {
    // A closed window in the past: the count cannot change while it is checked.
    const to = Math.floor((Date.now() - D) / 1000) * 1000;
    const from = to - 2 * D;
    const expected = await walkCount(
      request,
      `tag=Transcode&startCreationTime=${iso(from)}&endCreationTime=${iso(to)}`,
    );
    expect(expected).toBeGreaterThan(20);

    await page.goto(`/jobs?tag=Transcode&range=custom&from=${iso(from)}&to=${iso(to)}`);
    await hydrated(page);
    await tableShown(page);
    await expect(page.getByTestId('page-status')).toContainText('Page 1 · 20 loaded · more available');
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    const result = page.getByTestId('list-count-result');
    await expect(result).toHaveText(
      new RegExp(`^${expected.toLocaleString('en-US')} matching \\(counted \\d{2}:\\d{2}\\)$`),
    );
    // Counted at a time of day in +08:00.
    const hhmm = (await result.textContent())!.match(/(\d{2}:\d{2})/)![1]!;
    const cstNow = new Date(Date.now() + CST).toISOString().slice(11, 16);
    expect(Math.abs(toMinutes(hhmm) - toMinutes(cstNow)) % (24 * 60)).toBeLessThanOrEqual(2);

    // Other filters: the count is gone (it belonged to the old ones); a big count can be cancelled.
    await page.goto('/jobs?tag=all&range=30d');
    await hydrated(page);
    await tableShown(page);
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    await expect(page.getByTestId('list-count')).toContainText('Counting…');
    await page.getByTestId('list-count').getByRole('button', { name: 'Cancel' }).click();
    await expect(result).toHaveText(/^Count cancelled: at least [\d,]+ matching$/);
    await expect(page.getByRole('button', { name: 'Count again' })).toBeVisible();
  });
});

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** Every job of a one-tag query, counted through our API page by page (what Count must find). */
async function walkCount(request: APIRequestContext, query: string): Promise<number> {
  let total = 0;
  let token = '';
  for (;;) {
    const page = await listJobs(request, `${query}&size=100${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`);
    total += page.jobs.length;
    if (!page.nextToken) return total;
    token = page.nextToken;
  }
}

test.describe('the total beside the page indicator, with the job index on', () => {
  // The index backfills its 2,000 jobs first: minutes on a busy two-core machine.
  test.describe.configure({ mode: 'serial', timeout: 480_000 });
  let dataDir: string;
  let app: Started;

  test.beforeAll(async ({ request }) => {
    test.setTimeout(480_000);
    dataDir = mkdtempSync(path.join(tmpdir(), 'ranges-counts-e2e-'));
    app = await startAppProcess({ ...INDEXED_APP_ENV, DASHBOARD_DATA_DIR: dataDir });
    await expect
      .poll(
        async () => {
          try {
            return ((await (await request.get(`${app.url}/api/health`)).json()) as { index: { state: string } }).index
              .state;
          } catch {
            return 'unreachable';
          }
        },
        { timeout: 420_000, intervals: [1000] },
      )
      .toBe('live');
  });
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server log', { body: app.log() });
  });
  test.afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('a plain list says "1–20 of N" from the index, page after page, without a Count button', async ({
    page,
    request,
  }) => {
    await page.goto(`${app.url}/jobs?tag=all&range=30d`);
    await hydrated(page);
    await tableShown(page);
    const status = page.getByTestId('page-status');
    await expect(status).toHaveText(/^Page 1 · 1–20 of [\d,]+$/, { timeout: 30_000 });
    const from = urlParam(page, 'from');
    const total = async () =>
      (
        (await (
          await request.get(`${app.url}/api/jobs?tag=all&source=index&size=1&startCreationTime=${from}`)
        ).json()) as { total: number }
      ).total;
    const shown = Number((await status.textContent())!.match(/of ([\d,]+)/)![1]!.replace(/,/g, ''));
    expect(shown).toBeGreaterThan(40);
    expect(Math.abs(shown - (await total()))).toBeLessThanOrEqual(5); // new jobs may land in between
    // From the index, and how old its figure is. "(behind)" is the index's honest word when a sync
    // cycle ran late (lag over 2 × INDEX_POLL_MS + 1 s, i.e. 3 s here): on a loaded two-core machine
    // /api/health says so in about one second of twelve, and the count may be asked in one of them.
    await expect(page.getByTestId('index-source')).toHaveText(/^[\d,]+ matching · index( \(behind\))?, \d+ s ago$/);
    await expect(page.getByRole('button', { name: 'Count', exact: true })).toHaveCount(0);

    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Next ›' }).click();
    await expect(status).toHaveText(/^Page 2 · 21–40 of [\d,]+$/);

    // One tag, listed by CI: the index still says how many.
    await page.goto(`${app.url}/jobs?tag=Transcode&range=7d&size=10`);
    await tableShown(page);
    await expect(status).toHaveText(/^Page 1 · 1–10 of [\d,]+$/, { timeout: 30_000 });
  });
});
