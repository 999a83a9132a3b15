import { expect, test, type Page } from '@playwright/test';

import { explainFailure } from '@/lib/ci/failure-catalog';
import type { AllTagsPage, JobListItem } from '@/lib/ci/types';

import { allTagsJobs, settledWindow } from './collect';
import { hydrated } from './helpers';

function byCode(jobs: readonly JobListItem[]): Map<string, JobListItem[]> {
  const groups = new Map<string, JobListItem[]>();
  for (const j of jobs) groups.set(j.code ?? '', [...(groups.get(j.code ?? '') ?? []), j]);
  return groups;
}

async function open(page: Page, from: string, to: string) {
  await page.goto(`/triage?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
  await hydrated(page);
  await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

test('failed jobs are grouped by CI code, largest first, each explained from the catalog', async ({
  page,
  request,
}) => {
  const { from, to } = settledWindow(8, 48);
  const failed = await allTagsJobs(
    request,
    `states=Failed&startCreationTime=${encodeURIComponent(from)}&endCreationTime=${encodeURIComponent(to)}`,
  );
  expect(failed.length).toBeGreaterThan(5);
  const expected = byCode(failed);

  await open(page, from, to);
  await expect(page.getByTestId('triage-summary')).toHaveText(
    `${failed.length} failed jobs in ${expected.size} error codes`,
  );
  const groups = page.getByTestId('failure-group');
  await expect(groups).toHaveCount(expected.size);
  const shown = await groups.evaluateAll((els) =>
    els.map((el) => [el.getAttribute('data-code')!, Number(el.getAttribute('data-count'))] as const),
  );
  expect(new Map(shown)).toEqual(new Map([...expected].map(([code, jobs]) => [code, jobs.length])));
  const counts = shown.map(([, n]) => n);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));

  for (const [code] of shown) {
    const group = page.locator(`[data-testid="failure-group"][data-code="${code}"]`);
    const advice = explainFailure(code);
    await expect(group.getByTestId('failure-explanation')).toContainText(advice.meaning);
    await expect(group.getByTestId('failure-explanation')).toContainText(advice.action);
  }

  // Opened, a group lists exactly its jobs, each linking to the job.
  const [code, jobs] = [...expected].sort((a, b) => b[1].length - a[1].length)[0]!;
  const group = page.locator(`[data-testid="failure-group"][data-code="${code}"]`);
  await group.getByTestId('toggle-failure-jobs').click();
  await expect(page).toHaveURL(new RegExp(`code=${code}`));
  const rows = group.getByTestId('failure-job');
  await expect(rows).toHaveCount(Math.min(50, jobs.length));
  const ids = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-job-id')!));
  expect(ids.every((id) => jobs.some((j) => j.jobId === id))).toBe(true);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${ids[0]}$`));
  await expect(page.getByTestId('failure-advice')).toBeVisible();
});

test('the support summaries copy job ID, code, message and input', async ({ page, context, request, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
  const { from, to } = settledWindow(8, 48);
  const failed = await allTagsJobs(
    request,
    `states=Failed&startCreationTime=${encodeURIComponent(from)}&endCreationTime=${encodeURIComponent(to)}`,
  );
  await open(page, from, to);

  const first = page.getByTestId('failure-group').first();
  const code = (await first.getAttribute('data-code'))!;
  const members = failed.filter((j) => j.code === code);
  await first.getByTestId('copy-group-summary').click();
  await expect(first.getByTestId('copy-group-summary')).toHaveText('✓ Copied');
  const groupText = await clipboard(page);
  expect(groupText).toContain(`code ${code}: ${members.length} job`);
  for (const j of members) expect(groupText).toContain(j.jobId);
  expect(groupText).toContain(explainFailure(code).meaning);

  await first.getByTestId('toggle-failure-jobs').click();
  const row = first.getByTestId('failure-job').first();
  const jobId = (await row.getAttribute('data-job-id'))!;
  const job = members.find((j) => j.jobId === jobId)!;
  await row.getByTestId('copy-job-summary').click();
  await expect(row.getByTestId('copy-job-summary')).toHaveText('✓ Copied');
  const text = await clipboard(page);
  expect(text).toContain(`Job ID: ${jobId}`);
  expect(text).toContain(`Code: ${code}`);
  expect(text).toContain(`Message: ${job.message}`);
  if (job.input?.object) expect(text).toContain(`Input: ${job.input.object}`);
  expect(text).toContain(`Created: ${new Date(Date.parse(job.creationTime!)).toISOString().replace('.000Z', 'Z')}`);
  expect(text).toMatch(/^RequestId: not available/m);
  expect(text).toContain(`/jobs/${jobId}`);
});

test('a code missing from the catalog is said to be so, not explained', async ({ page }) => {
  const { from, to } = settledWindow(8, 48);
  // CI may send a code tomorrow that the catalog does not have: rename one failure's code in
  // what the browser receives.
  let renamed = false;
  await page.route('**/api/jobs/all?**', async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as AllTagsPage;
    const victim = renamed ? undefined : body.jobs.find((j) => j.state === 'Failed');
    if (victim) {
      victim.code = 'BrandNewFailureCode';
      renamed = true;
    }
    await route.fulfill({ response, json: body });
  });
  await open(page, from, to);
  const group = page.locator('[data-testid="failure-group"][data-code="BrandNewFailureCode"]');
  await expect(group).toHaveAttribute('data-count', '1');
  await expect(group).toContainText('not in the catalog');
  await expect(group.getByTestId('failure-explanation')).toContainText('is not in this dashboard');
});
