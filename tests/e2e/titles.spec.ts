import { expect, test, type Page } from '@playwright/test';

import { listJobs, rowIds, settledRows } from './helpers';

/** The titles in a page's head: one, or the tab and history show whichever comes first. */
const headTitles = (page: Page) => page.locator('head > title').allTextContents();

test('every page names itself in its first HTML, with one title', async ({ request }) => {
  const { jobs } = await listJobs(request, 'tag=Transcode&size=1');
  const jobId = jobs[0]!.jobId;
  const expected: [string, string][] = [
    ['/jobs?tag=Transcode&states=Failed&order=asc&size=20', 'Failed Transcode jobs — CI Jobs Dashboard'],
    ['/jobs?tag=all&states=Running,Failed', 'Running, Failed All jobs — CI Jobs Dashboard'],
    [`/jobs?tag=Transcode&job=${jobId}`, `Job ${jobId} · Transcode jobs — CI Jobs Dashboard`],
    [`/jobs/${jobId}`, `Job ${jobId} — CI Jobs Dashboard`],
    [`/jobs/lookup?ids=${jobId}`, 'Jobs by ID — CI Jobs Dashboard'],
    ['/overview', 'Overview — CI Jobs Dashboard'],
    ['/triage?code=InternalError', 'InternalError · Failure triage — CI Jobs Dashboard'],
    ['/blank', 'Blank — CI Jobs Dashboard'],
  ];
  for (const [path, title] of expected) {
    const html = await (await request.get(path)).text();
    const titles = [...html.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles, path).toEqual([title]);
  }
});

test('the tab follows the view — a filter changed right after the page loads, a job opened, another page', async ({
  page,
}) => {
  await page.goto('/jobs?tag=Transcode&states=Failed&order=asc&size=20');
  await settledRows(page);
  // At once after hydration: Next commits its head after that, which once put the layout's title back.
  await page.getByTestId('filter-tag').selectOption('all');
  await expect(page).toHaveTitle('Failed All jobs — CI Jobs Dashboard');
  await page.waitForLoadState('networkidle');
  await expect(page).toHaveTitle('Failed All jobs — CI Jobs Dashboard');
  expect(await headTitles(page)).toHaveLength(1);

  const [first] = await rowIds(page);
  await (await settledRows(page)).first().click();
  await expect(page).toHaveTitle(`Job ${first} · Failed All jobs — CI Jobs Dashboard`);
  const drawer = page.getByRole('dialog', { name: new RegExp(first!) });
  await expect(drawer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page).toHaveTitle('Failed All jobs — CI Jobs Dashboard');

  await page.getByRole('link', { name: 'Overview', exact: true }).first().click();
  await expect(page).toHaveTitle('Overview — CI Jobs Dashboard');
  await page.goBack();
  await expect(page).toHaveTitle('Failed All jobs — CI Jobs Dashboard');
  expect(await headTitles(page)).toHaveLength(1);
});
