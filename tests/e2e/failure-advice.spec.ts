import { expect, test } from '@playwright/test';

import { explainFailure } from '@/lib/ci/failure-catalog';

import { listJobs } from './helpers';

test('a failed job says what its code means and what to do', async ({ page, request }) => {
  const { jobs } = await listJobs(request, 'tag=Transcode&states=Failed&size=5');
  const job = jobs[0]!;
  await page.goto(`/jobs/${job.jobId}`);
  const summary = page.getByTestId('detail-summary');
  await expect(summary).toContainText(`Failed: ${job.code}`);
  const advice = summary.getByTestId('failure-advice');
  await expect(advice).toContainText(explainFailure(job.code).meaning);
  await expect(advice).toContainText(explainFailure(job.code).action);
});
