import { expect, test } from '@playwright/test';

import { hydrated, listJobs, settledRows } from './helpers';

test('the find box opens a pasted job ID; "/" focuses it', async ({ page, request }) => {
  const { jobs } = await listJobs(request, 'tag=Snapshot&states=Success&size=3');
  await page.goto('/jobs?tag=Transcode');
  await settledRows(page);
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  // The rows come with the server's HTML; the shortcut works once the page has hydrated.
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await box.fill(` ${jobs[0]!.jobId} `);
  await expect(page.getByTestId('find-job-hint')).toContainText('Open this job');
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobs[0]!.jobId}$`));
  await expect(page.getByTestId('detail-summary')).toContainText(jobs[0]!.jobId);
});

test('several job IDs open one lookup page, naming the ones not found', async ({ page, request }) => {
  const { jobs } = await listJobs(request, 'tag=Segment&size=2');
  const unknown = 'j00000000000000000000000000000000';
  await page.goto('/jobs');
  await hydrated(page);
  await page.getByRole('searchbox', { name: 'Find a job' }).fill(`${jobs[0]!.jobId}, ${jobs[1]!.jobId}\n${unknown}`);
  await page.getByRole('searchbox', { name: 'Find a job' }).press('Enter');
  await expect(page).toHaveURL(/\/jobs\/lookup\?ids=/);
  const found = page.getByTestId('lookup-found');
  await expect(found.locator('tbody tr')).toHaveCount(2);
  await expect(found).toContainText(jobs[0]!.jobId);
  await expect(page.getByTestId('lookup-missing')).toContainText(unknown);
});

test('an input object key filters every tag by exact match (CI, without the index), and says it is exact', async ({
  page,
  request,
}) => {
  const { jobs } = await listJobs(request, 'tag=Transcode&states=Success&size=5');
  const key = jobs[0]!.input!.object!;
  await page.goto('/jobs?tag=Transcode');
  await hydrated(page);
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  await box.fill(key);
  await expect(page.getByTestId('find-job-hint')).toContainText('exactly');
  await box.press('Enter');
  await expect(page).toHaveURL(/[?&]input=/);
  await expect(page).toHaveURL(/[?&]tag=all(&|$)/);
  const rows = await settledRows(page);
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain(key.slice(0, 12));
});

test('Enter typed before the find box has loaded its choices still opens the job', async ({ page, request }) => {
  const { jobs } = await listJobs(request, 'tag=Snapshot&states=Success&size=1');
  await page.goto('/jobs?tag=Transcode');
  await settledRows(page);
  await expect(page.locator('[data-hydrated]').first()).toBeAttached();
  // From here on every script arrives late: the box's choices load on focus (bench P5), after Enter.
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  await expect(async () => {
    await page.locator('body').press('/');
    await expect(box).toBeFocused({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  await page.keyboard.insertText(jobs[0]!.jobId);
  // The generic hint until the choices are here, then the one for this text.
  await expect(page.getByTestId('find-job-hint')).toContainText('Job IDs, an input object key, or a workflow ID');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobs[0]!.jobId}$`));
  await expect(page.getByTestId('detail-summary')).toContainText(jobs[0]!.jobId);
});
