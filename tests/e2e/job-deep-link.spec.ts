/**
 * A cold deep link to one job (/jobs/<id>) is rendered on the server: the job's summary is in the
 * HTML itself, readable with no script at all, and the page hydrates on it without a fetch of its
 * own or a hydration error. A job that is not there still gets the browser's clear not-found.
 */
import { expect, test } from '@playwright/test';

import { listJobs } from './helpers';

test('the summary of a deep-linked job is in the server HTML, and hydrates without asking again', async ({
  browser,
  page,
  request,
}) => {
  const job = (await listJobs(request, 'tag=Transcode&states=Success&size=5')).jobs[0]!;

  // The HTML as the server sends it, before any script: the summary, not the loading skeleton.
  const res = await request.get(`/jobs/${job.jobId}`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).toContain('data-testid="detail-summary"');
  expect(html).toContain('data-testid="job-state"');
  expect(html).not.toContain('aria-label="Loading job"');

  // With scripts off, a reader still sees the job.
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const bare = await noScript.newPage();
  await bare.goto(`/jobs/${job.jobId}`);
  const summary = bare.getByTestId('detail-summary');
  await expect(summary).toBeVisible();
  await expect(summary).toContainText(job.jobId);
  await expect(summary.getByTestId('job-state')).toContainText('Success');
  await noScript.close();

  // With scripts on: no request for the job the HTML already holds, and no hydration error.
  const asked: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes(`/api/jobs/${job.jobId}`)) asked.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/jobs/${job.jobId}`);
  await expect(page.getByTestId('detail-summary').getByTestId('job-state')).toContainText('Success');
  await expect(page.getByTestId('job-detail')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(asked).toEqual([]);
  expect(errors.filter((e) => /hydrat/i.test(e))).toEqual([]);
});

test('a deep link to a job that is not there renders the skeleton, then the not-found', async ({ page, request }) => {
  const missing = 'j00000000000000000000000000000000';
  const html = await (await request.get(`/jobs/${missing}`)).text();
  expect(html).toContain('aria-label="Loading job"');
  await page.goto(`/jobs/${missing}`);
  await expect(page.getByTestId('job-not-found')).toContainText('No job with ID');
});
