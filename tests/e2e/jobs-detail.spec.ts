import { expect, test } from '@playwright/test';

import { findJob, hydrated, settledRows } from './helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a Transcode job shows its video and audio streams and output MD5, which copies', async ({ page, request }) => {
  const query = 'tag=Transcode&states=Success&orderByTime=Asc&size=20';
  const job = await findJob(
    request,
    query,
    (j) =>
      (j.operation?.mediaInfo?.video.length ?? 0) > 0 &&
      (j.operation?.mediaInfo?.audio.length ?? 0) > 0 &&
      (j.operation?.mediaResult?.outputFiles[0]?.md5.length ?? 0) > 0,
  );
  const md5 = job.operation!.mediaResult!.outputFiles[0]!.md5[0]!;

  await page.goto('/jobs?tag=Transcode&states=Success&order=asc&size=20');
  const rows = await settledRows(page);
  await rows.filter({ hasText: job.jobId }).click();
  await expect(page).toHaveURL(new RegExp(`job=${job.jobId}`));
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('job-detail')).toBeVisible();

  const video = drawer.getByTestId('video-streams');
  await expect(video).toContainText(job.operation!.mediaInfo!.video[0]!.codecName!);
  await expect(video).toContainText(
    `${job.operation!.mediaInfo!.video[0]!.width} × ${job.operation!.mediaInfo!.video[0]!.height}`,
  );
  await expect(drawer.getByTestId('audio-streams')).toContainText(job.operation!.mediaInfo!.audio[0]!.codecName!);
  await expect(drawer.getByTestId('audio-streams')).toContainText(/kHz/);
  const files = drawer.getByTestId('output-files').first();
  await expect(files).toContainText(md5.md5);

  await files
    .getByRole('button', { name: new RegExp(`^Copy MD5 of`) })
    .first()
    .click();
  await expect(files.getByRole('status').filter({ hasText: 'Copied' })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(md5.md5);

  // The open job is part of the URL: reload reopens it.
  await page.reload();
  await expect(page.getByRole('dialog').getByTestId('video-streams')).toBeVisible();
});

test('a SpeechRecognition job shows its recognised text', async ({ page, request }) => {
  const job = await findJob(request, 'tag=SpeechRecognition&states=Success&orderByTime=Asc&size=20', (j) => {
    const d = j.operation?.detail;
    return d?.kind === 'speech' && (d.speech?.text.length ?? 0) > 0;
  });
  const detail = job.operation!.detail;
  const text = detail.kind === 'speech' ? detail.speech!.text[0]! : '';
  await page.goto('/jobs?tag=SpeechRecognition&states=Success&order=asc&size=20');
  await (await settledRows(page)).filter({ hasText: job.jobId }).click();
  const panel = page.getByRole('dialog').getByTestId('panel-speech');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('speech-text')).toContainText(text.slice(0, 40));
});

test('/jobs/<id> opened cold shows that job; an unknown ID shows a clear not-found', async ({ page, request }) => {
  const job = await findJob(request, 'tag=Snapshot&states=Success&size=5', () => true);
  await page.goto(`/jobs/${job.jobId}`);
  await hydrated(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(job.jobId);
  const detail = page.getByTestId('job-detail');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('detail-summary')).toContainText(job.jobId);
  await expect(detail.getByTestId('detail-summary')).toContainText('Snapshot');
  await expect(detail.getByTestId('panel-snapshot')).toBeVisible();
  // Raw stays collapsed until opened.
  await expect(detail.getByText('<JobsDetail>').first()).toBeHidden();
  await detail.getByText('Original XML').click();
  await expect(detail.getByTestId('detail-raw')).toContainText(job.jobId);

  await page.goto('/jobs/jffffffffffffffffffffffffffffffff');
  const missing = page.getByTestId('job-not-found');
  await expect(missing).toBeVisible();
  await expect(missing).toContainText('Job not found');
  await expect(missing).toContainText('jffffffffffffffffffffffffffffffff');
});
