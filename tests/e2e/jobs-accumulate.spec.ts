import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { settledWindow } from './collect';
import { listJobs, rowIds, settledRows } from './helpers';

/** Every job ID of a list, page by page through the API (what "Load all" should end with). */
async function allIds(request: APIRequestContext, query: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null | undefined;
  do {
    const page = await listJobs(request, token ? `${query}&nextToken=${encodeURIComponent(token)}` : query);
    ids.push(...page.jobs.map((j) => j.jobId));
    token = page.nextToken;
  } while (token);
  return ids;
}

const status = (page: Page) => page.getByTestId('accumulate-status');
const rowCount = async (page: Page) => Number(await page.getByTestId('jobs-table').getAttribute('aria-rowcount')) - 1;

test('Load more appends the next page in order, without duplicates, and the counts are honest', async ({
  page,
  request,
}) => {
  const first = await listJobs(request, 'tag=Transcode&orderByTime=Asc&size=10');
  const second = await listJobs(
    request,
    `tag=Transcode&orderByTime=Asc&size=10&nextToken=${encodeURIComponent(first.nextToken!)}`,
  );
  await page.goto('/jobs?tag=Transcode&order=asc&size=10');
  expect(await rowIds(page)).toEqual(first.jobs.map((j) => j.jobId));

  await page.getByTestId('load-more').click();
  await expect(status(page)).toHaveText(/^20 loaded from 2 pages · more available/);
  await expect(page.getByTestId('page-status')).toContainText('Pages 1–2 · 20 loaded');
  const ids = await rowIds(page);
  expect(ids).toEqual([...first.jobs, ...second.jobs].map((j) => j.jobId));
  expect(new Set(ids).size).toBe(ids.length);
  expect(await rowCount(page)).toBe(20);
  // The URL still names page 1: a reload shows one page, it does not fire the requests again.
  expect(page.url()).not.toMatch(/tokens=|page=/);
  // Live refresh is held while pages are accumulated.
  await expect(page.getByText('paused while pages are loaded')).toBeVisible();

  // Sorting applies to every loaded row.
  await page.getByRole('button', { name: /^Job ID/ }).click();
  await expect(page).toHaveURL(/sort=jobId/);
  expect(await rowIds(page)).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));

  await page.getByTestId('load-exit').click();
  await expect(status(page)).toHaveCount(0);
  await expect(page.getByTestId('page-status')).toContainText('Page 1 · 10 loaded');
});

test('Load all stops at the end of the list and says so', async ({ page, request }) => {
  // A settled window (ending a day ago): the emulator keeps creating and finishing jobs, and a job
  // failing between the API's walk and the page's would be one more row than expected.
  const { from, to } = settledWindow(24, 24 * 30);
  const expected = await allIds(
    request,
    `tag=Transcode&states=Failed&orderByTime=Asc&size=20&startCreationTime=${from}&endCreationTime=${to}`,
  );
  expect(expected.length).toBeGreaterThan(20);
  await page.goto(`/jobs?tag=Transcode&states=Failed&order=asc&size=20&range=custom&from=${from}&to=${to}`);
  await settledRows(page);
  const streamed: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/jobs/export') streamed.push(r.url());
  });
  await page.getByTestId('load-all').click();
  await expect(status(page)).toContainText('end of the list', { timeout: 30_000 });
  // Without the job index (this suite's server runs INDEX=off) Load all pages through CI.
  expect(streamed).toEqual([]);
  await expect(status(page)).toContainText(
    `${expected.length.toLocaleString('en')} loaded from ${Math.ceil(expected.length / 20)} pages`,
  );
  expect(await rowCount(page)).toBe(expected.length);
  await expect(page.getByTestId('load-more')).toHaveCount(0);
  await expect(page.getByTestId('load-all')).toHaveCount(0);
  await expect(page.getByTestId('page-status')).toContainText('last page');
});

test('Cancel stops Load all and keeps what was loaded', async ({ page }) => {
  await page.goto('/jobs?tag=Transcode&size=10');
  await settledRows(page);
  await page.getByTestId('load-all').click();
  await expect(status(page)).toHaveText(/from ([3-9]|\d\d+) pages/);
  await page.getByTestId('load-cancel').click();
  await expect(status(page)).not.toHaveAttribute('data-loading', 'true');
  await expect(status(page)).toContainText('more available');
  const text = await status(page).textContent();
  const loaded = Number(/^([\d,]+) loaded/.exec(text ?? '')![1]!.replace(/,/g, ''));
  expect(await rowCount(page)).toBe(loaded);
  await page.waitForTimeout(1000);
  await expect(status(page)).toHaveText(text!);
  // Load more resumes from there.
  await page.getByTestId('load-more').click();
  await expect(status(page)).toContainText(`${(loaded + 10).toLocaleString('en')} loaded`);
});

test('Load more from the keyboard turns the table virtual (its code loaded on intent) and the keys work on it at once', async ({
  page,
}) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await settledRows(page);
  const table = page.getByTestId('jobs-table');
  await expect(table).not.toHaveAttribute('data-virtual', 'true');
  const more = page.getByTestId('load-more');
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('200 loaded from 2 pages');
  await expect(table).toHaveAttribute('data-virtual', 'true');
  // The button stays on screen: the page did not jump when the table turned virtual.
  await expect(more).toBeInViewport();
  // The rows in view are rendered, from the first.
  const firstRow = table.locator('tbody tr[aria-rowindex="2"]');
  await expect(firstRow).toBeVisible();
  expect(await table.locator('tbody tr[data-row-id]').count()).toBeLessThan(100);
  await firstRow.focus();
  await page.keyboard.press('End');
  const last = table.locator('tbody tr[aria-rowindex="201"]');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await page.keyboard.press('Home');
  await expect(firstRow).toBeFocused();
  await expect(firstRow).toBeInViewport();
});

test('a full page that turned virtual stays so when the Load more brings nothing (here: its request fails)', async ({
  page,
}) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await settledRows(page);
  const table = page.getByTestId('jobs-table');
  await expect(table).not.toHaveAttribute('data-virtual', 'true');
  // The next page's request fails outright (every retry too).
  await page.route(/\/api\/jobs\?.*nextToken=/, (route) => route.abort());
  await page.getByTestId('load-more').click();
  await expect(table).toHaveAttribute('data-virtual', 'true');
  await expect(page.getByRole('alert').filter({ hasText: 'Load more' })).toBeVisible({ timeout: 30_000 });
  // Still the scroller it became, with the page it had: no flip back to plain rows.
  await expect(table).toHaveAttribute('data-virtual', 'true');
  expect(await rowCount(page)).toBe(100);
  // Leaving the accumulation gives the plain page back.
  await page.getByTestId('load-exit').click();
  await expect(table).not.toHaveAttribute('data-virtual', 'true');
});

test('the virtualized table opens a row and moves between rows with the keyboard', async ({ page }) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await settledRows(page);
  await page.getByTestId('load-more').click();
  await page.getByTestId('load-more').click();
  await expect(status(page)).toContainText('300 loaded from 3 pages');
  const table = page.getByTestId('jobs-table');
  await expect(table).toHaveAttribute('data-virtual', 'true');
  await expect(table).toHaveAttribute('aria-rowcount', '301');
  // Only the rows in view are in the DOM.
  expect(await table.locator('tbody tr[data-row-id]').count()).toBeLessThan(100);

  const firstRow = table.locator('tbody tr[aria-rowindex="2"]');
  const firstId = (await firstRow.getByTestId('job-id').textContent())!;
  await firstRow.getByTestId('job-id').click();
  await expect(page).toHaveURL(new RegExp(`job=${firstId}`));
  await expect(page.getByRole('dialog').getByTestId('job-detail')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await firstRow.focus();
  await page.keyboard.press('End');
  const last = table.locator('tbody tr[aria-rowindex="301"]');
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  // …and inside the scroller, not hidden under its edge.
  const scroller = page.getByTestId('jobs-table-scroller');
  const within = async (row: typeof last) => {
    const [r, s] = [(await row.boundingBox())!, (await scroller.boundingBox())!];
    return r.y >= s.y && r.y + r.height <= s.y + s.height + 1;
  };
  await expect.poll(() => within(last)).toBe(true);
  await page.keyboard.press('ArrowUp');
  const previous = table.locator('tbody tr[aria-rowindex="300"]');
  await expect(previous).toBeFocused();
  await expect(previous).toBeInViewport();
  // The sticky header stays at the top of the scrolled rows.
  const scrollerBox = (await page.getByTestId('jobs-table-scroller').boundingBox())!;
  const headerBox = (await page.getByRole('columnheader', { name: /Job ID/ }).boundingBox())!;
  expect(Math.abs(headerBox.y - scrollerBox.y)).toBeLessThan(3);
  const id = (await previous.getByTestId('job-id').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`job=${id}`));
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await previous.focus();
  await page.keyboard.press('Home');
  await expect(firstRow).toBeFocused();
  await expect(firstRow).toBeInViewport();
  await expect.poll(() => within(firstRow)).toBe(true);
});

test('scrolled virtualized rows reuse their elements, each showing its own job, and focus leaves a reused row', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await settledRows(page);
  await page.getByTestId('load-more').click();
  await page.getByTestId('load-more').click();
  await expect(status(page)).toContainText('300 loaded from 3 pages');
  const table = page.getByTestId('jobs-table');
  await expect(table).toHaveAttribute('data-virtual', 'true');
  const firstRow = table.locator('tbody tr[aria-rowindex="2"]');
  const firstId = (await firstRow.getAttribute('data-row-id'))!;
  // Copied, then focused: both belong to this job, not to the element.
  await firstRow.getByRole('button', { name: `Copy job ID ${firstId}` }).click();
  await expect(firstRow.getByRole('button', { name: `Copy job ID ${firstId}` })).toHaveAttribute('title', 'Copied');
  await firstRow.focus();
  const element = await firstRow.elementHandle();

  const scroller = page.getByTestId('jobs-table-scroller');
  // Row 66 (index 64) takes the first row's slot (64 kept elements) once the first has scrolled out.
  await scroller.evaluate((el) => (el.scrollTop = 50 * 33));
  const reused = table.locator('tbody tr[aria-rowindex="66"]');
  await expect(reused).toBeVisible();
  await expect(firstRow).toHaveCount(0);
  expect(await element.evaluate((tr) => tr.isConnected && tr.getAttribute('aria-rowindex'))).toBe('66');
  const shown = await table.locator('tbody tr[data-row-id]').evaluateAll((rows) =>
    rows.map((tr) => ({
      id: tr.getAttribute('data-row-id'),
      cell: tr.querySelector('[data-testid="job-id"]')?.textContent,
      copy: tr.querySelector('button[aria-label^="Copy job ID"]')?.getAttribute('aria-label'),
      title: tr.querySelector('button[aria-label^="Copy job ID"]')?.getAttribute('title'),
    })),
  );
  expect(shown.length).toBeGreaterThan(10);
  for (const row of shown) {
    expect(row.cell).toBe(row.id);
    expect(row.copy).toBe(`Copy job ID ${row.id}`);
    expect(row.title).toBe(`Copy job ID ${row.id}`);
  }
  // Focus did not stay on an element now showing another job.
  expect(await page.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row-id') ?? null)).toBe(
    null,
  );
  // Scrolled back, the first row is there again, its cursor mark kept.
  await scroller.evaluate((el) => (el.scrollTop = 0));
  await expect(firstRow).toHaveAttribute('data-row-id', firstId);
  await expect(firstRow).toHaveAttribute('data-cursor', 'true');
});
