import { expect, test, type APIRequestContext } from '@playwright/test';

import type { AllTagsPage } from '@/lib/ci/types';

import { rowIds, settledRows } from './helpers';

/** The merged pages straight from /api/jobs/all, following the combined cursor. */
async function allTagsPages(request: APIRequestContext, query: string, count: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < count; i++) {
    const res = await request.get(`/api/jobs/all?${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.ok(), await res.text()).toBe(true);
    const page = (await res.json()) as AllTagsPage;
    pages.push(page.jobs.map((j) => j.jobId));
    cursor = page.cursor;
    if (!cursor) break;
  }
  return pages;
}

test('"All tags" in the tag selector lists every tag merged by creation time, paged by one cursor', async ({
  page,
  request,
}) => {
  await page.goto('/jobs?tag=Transcode&states=Failed&order=asc&size=20');
  await settledRows(page);
  await page.getByTestId('filter-tag').selectOption('all');
  await expect(page).toHaveURL(/[?&]tag=all(&|$)/);
  await expect(page).toHaveTitle(/Failed All jobs/);

  const [first, second, third] = await allTagsPages(request, 'states=Failed&orderByTime=Asc&size=20', 3);
  await expect.poll(() => rowIds(page)).toEqual(first);

  const rows = await settledRows(page);
  const tags = new Set(await rows.getByTestId('tag-cell').allTextContents());
  expect(tags.size, `tags on page 1: ${[...tags].join(', ')}`).toBeGreaterThan(1);
  const created = await rows
    .locator('td time')
    .evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime') ?? '')));
  expect(created).toEqual([...created].sort((a, b) => a - b));

  await page.getByRole('button', { name: 'Next ›' }).click();
  await expect(page.getByTestId('page-status')).toContainText('Page 2');
  await expect.poll(() => rowIds(page)).toEqual(second);
  await page.getByRole('button', { name: 'Next ›' }).click();
  await expect(page.getByTestId('page-status')).toContainText('Page 3');
  await expect.poll(() => rowIds(page)).toEqual(third);
  expect(new Set([...first!, ...second!, ...third!]).size).toBe(60);

  // The link holds the cursors: reopened, it shows the same page.
  await page.reload();
  await expect(page.getByTestId('page-status')).toContainText('Page 3');
  await expect.poll(() => rowIds(page)).toEqual(third);
  await page.getByRole('button', { name: '‹ Previous' }).click();
  await expect.poll(() => rowIds(page)).toEqual(second);
});

test('a hand-edited all-tags cursor is refused with a readable notice, not a blank page', async ({ page }) => {
  await page.goto('/jobs?tag=all&tokens=not%20a%20cursor&page=2');
  const notice = page.getByTestId('view-issues');
  await expect(notice).toContainText('cursor of a previous page');
});
