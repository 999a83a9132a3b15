import { expect, test } from '@playwright/test';

import { findJob, settledRows } from './helpers';

/**
 * A VideoTag job as CI sends it (0–1 confidences, issue 15): the panel shows percentages on that
 * scale — "59 %", never "0.59%" — and the actions and places CI reports.
 */
test('a VideoTag job shows its confidences as percentages of 0–1 values', async ({ page, request }) => {
  const job = await findJob(request, 'tag=VideoTag&states=Success&orderByTime=Asc&size=20', (j) => {
    const d = j.operation?.detail;
    return d?.kind === 'video-tag' && (d.videoTag?.tags.length ?? 0) > 0;
  });
  const detail = job.operation!.detail;
  const first = detail.kind === 'video-tag' ? detail.videoTag!.tags[0]! : null;
  expect(first!.confidence).toBeGreaterThan(0);
  expect(first!.confidence).toBeLessThan(1);
  const percent = `${Number((first!.confidence! * 100).toFixed(1))} %`;

  await page.goto('/jobs?tag=VideoTag&states=Success&order=asc&size=20');
  await (await settledRows(page)).filter({ hasText: job.jobId }).click();
  const panel = page.getByRole('dialog').getByTestId('panel-video-tag');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Video tags' })).toContainText(first!.tag!);
  await expect(panel.getByRole('table', { name: 'Video tags' })).toContainText(percent);
  await expect(panel).not.toContainText(/\b0\.\d+%/);
  await expect(panel.getByRole('table', { name: 'Actions' })).toBeVisible();
  await expect(panel.getByRole('table', { name: 'Places' })).toContainText(/: 0\.\d\d/);
});
