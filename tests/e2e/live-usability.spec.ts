/**
 * Issue 16, items 1 and 2, walked as an operator would, with jobs the emulator creates and finishes
 * on demand (/__emulator/jobs, emulator/script.ts). Each view filters on an input key of its own, so
 * the emulator's own trickle of new jobs never lands in it and every count is exact.
 *
 * 1. A Failed view refreshes by itself: a new failure shows as "1 new since you looked" without a key
 *    press, the rows and the keyboard cursor stay put, and a click (or r) shows it.
 * 2. A job finishing in a Running view: its row and the open drawer never disagree, and "1 finished:
 *    1 Success" says what left, with a link that opens the job.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { emulatorUrl, rowIds, settledRows } from './helpers';

const JOBS = () => `${emulatorUrl()}/__emulator/jobs`;

async function createJob(
  request: APIRequestContext,
  body: { state: string; input: string; progress?: number },
): Promise<string> {
  const res = await request.post(JOBS(), { data: { tag: 'Transcode', ...body } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { job: { jobId: string } }).job.jobId;
}

async function finishJob(request: APIRequestContext, jobId: string, state: string) {
  const res = await request.put(`${JOBS()}/${jobId}`, { data: { state } });
  expect(res.status(), await res.text()).toBe(200);
}

const cursorRow = (page: Page) => page.getByTestId('jobs-table').locator('tbody tr[data-cursor]');
const rowOf = (page: Page, jobId: string) => page.getByTestId('jobs-table').locator(`tbody tr[data-row-id="${jobId}"]`);
const inputKey = (name: string) => `e2e/live-usability/${name}-${Date.now()}.mp4`;

test.beforeEach(async ({ request }) => {
  await request.delete(JOBS());
});
test.afterEach(async ({ request }) => {
  await request.delete(JOBS());
});

test('a Failed view shows new failures by itself, held above the rows until asked for', async ({ page, request }) => {
  const key = inputKey('failed');
  const a = await createJob(request, { state: 'Failed', input: key });
  const b = await createJob(request, { state: 'Failed', input: key });
  await page.goto(`/jobs?tag=Transcode&states=Failed&input=${encodeURIComponent(key)}`);
  const before = await rowIds(page);
  expect([...before].sort()).toEqual([a, b].sort());
  // Only finished jobs on screen, and still live: its window runs up to now.
  await expect(page.getByText(/· live/)).toBeVisible();
  await expect(page.getByText(/not polling/)).toHaveCount(0);

  // The keyboard cursor on the second row.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', before[1]!);

  // A new failure: no key pressed, the page says so within a refresh or two…
  const fresh = await createJob(request, { state: 'Failed', input: key });
  const bar = page.getByTestId('new-jobs');
  await expect(bar).toHaveText(/1 new since you looked/, { timeout: 20_000 });
  // …without moving a row or the cursor.
  expect(await rowIds(page)).toEqual(before);
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', before[1]!);

  // One click shows it, at the head of the list; the cursor stays on its job.
  await bar.click();
  await expect(bar).toHaveCount(0);
  expect(await rowIds(page)).toEqual([fresh, ...before]);
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', before[1]!);

  // Two more: counted exactly, and r shows them too.
  const more = [
    await createJob(request, { state: 'Failed', input: key }),
    await createJob(request, { state: 'Failed', input: key }),
  ];
  await expect(bar).toHaveText(/2 new since you looked/, { timeout: 20_000 });
  await cursorRow(page).focus();
  await page.keyboard.press('r');
  await expect(bar).toHaveCount(0);
  await expect.poll(() => rowIds(page)).toHaveLength(5);
  expect((await rowIds(page)).slice(0, 2).sort()).toEqual([...more].sort());
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', before[1]!);
});

test('a job finishing in a Running view: row and drawer agree, and the notice says what left, with a link', async ({
  page,
  request,
}) => {
  const key = inputKey('running');
  const watched = await createJob(request, { state: 'Running', progress: 99, input: key });
  const other = await createJob(request, { state: 'Running', progress: 40, input: key });
  await page.goto(`/jobs?tag=Transcode&states=Running&input=${encodeURIComponent(key)}&job=${watched}`);
  await settledRows(page);
  expect([...(await rowIds(page))].sort()).toEqual([watched, other].sort());
  const drawer = page.getByRole('dialog', { name: new RegExp(watched) });
  const drawerState = drawer.getByTestId('job-state');
  await expect(drawerState).toHaveText(/Running/);
  const row = rowOf(page, watched);
  await expect(row).toContainText('Running');
  await expect(row).toContainText('99');

  await finishJob(request, watched, 'Success');

  // Watched as it happens: once the drawer says Success, the row never says Running.
  const disagreements: string[] = [];
  const notice = page.getByTestId('left-jobs');
  await expect
    .poll(
      async () => {
        const [rowText, drawerText] = await Promise.all([
          row.textContent({ timeout: 200 }).catch(() => null),
          drawerState.textContent({ timeout: 200 }).catch(() => null),
        ]);
        if (drawerText?.includes('Success') && rowText?.includes('Running')) disagreements.push(rowText);
        return notice.isVisible();
      },
      { timeout: 25_000, intervals: [100] },
    )
    .toBe(true);
  expect(disagreements).toEqual([]);

  // It left the Running view, said so, and the drawer agrees; the other job stays.
  await expect(notice).toContainText('1 finished: 1 Success');
  await expect(row).toHaveCount(0);
  await expect(drawerState).toHaveText(/Success/);
  expect(await rowIds(page)).toEqual([other]);

  // The notice's link opens the job.
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await notice.getByTestId('left-job').filter({ hasText: watched }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]job=${watched}(&|$)`));
  await expect(drawer).toBeVisible();
  await expect(drawerState).toHaveText(/Success/);
  await page.keyboard.press('Escape');

  // A second one, failed while nobody had it open: the notice adds it up.
  await finishJob(request, other, 'Failed');
  await expect(notice).toContainText('2 finished: 1 Success, 1 Failed', { timeout: 20_000 });
  await expect(rowOf(page, other)).toHaveCount(0);

  await notice.getByRole('button', { name: 'Dismiss the finished jobs notice' }).click();
  await expect(notice).toHaveCount(0);
});
