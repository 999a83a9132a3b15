import { expect, test, type Page } from '@playwright/test';

import type { Health } from '@/features/shell/health-api';
import type { JobPage } from '@/lib/ci/types';

import { bodyOf, emulatorUrl, errorOf, hydrated, rowIds, settledRows } from './helpers';
import { startAppProcess } from './support/servers';

/** The embedded emulator's demo buckets (server/ci/backend.ts DEMO_BUCKETS), the default first. */
const A = { bucket: 'demo-1250000000', region: 'ap-guangzhou' };
const B = { bucket: 'media-1250000001', region: 'ap-shanghai' };

async function apiJobs(page: Page, query: string): Promise<JobPage> {
  const res = await page.request.get(`/api/jobs?${query}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as JobPage;
}

test('the header lists the demo buckets; switching keeps the page and filters and shows that bucket’s jobs', async ({
  page,
}) => {
  const health = await bodyOf<Health>(await page.request.get('/api/health'));
  expect(health.buckets).toMatchObject([A, B]);
  expect(JSON.stringify(health)).not.toMatch(/SecretKey|secretKey/);

  await page.goto('/jobs?tag=Snapshot&states=Success');
  const idsA = await rowIds(page);
  expect(idsA.length).toBeGreaterThan(0);
  const switcher = page.getByRole('combobox', { name: 'Bucket' });
  await expect(switcher).toHaveValue(A.bucket);
  await expect(switcher.locator('option')).toHaveText([`${A.bucket} · ${A.region}`, `${B.bucket} · ${B.region}`]);

  await hydrated(page);
  await switcher.selectOption(B.bucket);
  await expect(page).toHaveURL(new RegExp(`[?&]bucket=${B.bucket}(&|$)`));
  await expect(page).toHaveURL(/[?&]tag=Snapshot(&|$)/);
  await expect(page).toHaveURL(/[?&]states=Success(&|$)/);
  await expect(switcher).toHaveValue(B.bucket);

  // B's own jobs, as the API lists them for B, and none of A's.
  const expected = (
    await apiJobs(page, `tag=Snapshot&states=Success&orderByTime=Desc&size=20&bucket=${B.bucket}`)
  ).jobs.map((j) => j.jobId);
  await expect.poll(() => rowIds(page)).toEqual(expected);
  expect(expected.some((id) => idsA.includes(id))).toBe(false);

  // Back goes to A again.
  await page.goBack();
  await expect(switcher).toHaveValue(A.bucket);
  // A's jobs as the API lists them now: the living demo may have added one since idsA was read.
  const listedA = async () =>
    (await apiJobs(page, `tag=Snapshot&states=Success&orderByTime=Desc&size=20&bucket=${A.bucket}`)).jobs.map(
      (j) => j.jobId,
    );
  await expect.poll(async () => JSON.stringify(await rowIds(page)) === JSON.stringify(await listedA())).toBe(true);
  expect((await rowIds(page)).filter((id) => idsA.includes(id)).length).toBeGreaterThan(idsA.length / 2);
});

test('a shared link with ?bucket= opens on that bucket; its job opens in that bucket, in the drawer and on its own page', async ({
  page,
}) => {
  const { jobs } = await apiJobs(page, `tag=Transcode&size=5&bucket=${B.bucket}`);
  const job = jobs[0]!;
  // The job is B's: the default bucket (A) does not have it.
  expect((await page.request.get(`/api/jobs/${job.jobId}`)).status()).toBe(404);
  expect((await page.request.get(`/api/jobs/${job.jobId}?bucket=${B.bucket}`)).status()).toBe(200);

  await page.goto(`/jobs?bucket=${B.bucket}&tag=Transcode&size=10`);
  await expect(page.getByRole('combobox', { name: 'Bucket' })).toHaveValue(B.bucket);
  const rows = await settledRows(page);
  await rows.filter({ hasText: job.jobId }).click();
  await expect(page).toHaveURL(new RegExp(`job=${job.jobId}`));
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('detail-summary')).toContainText(job.jobId);

  const open = drawer.getByRole('link', { name: /Open as page/ });
  await expect(open).toHaveAttribute('href', `/jobs/${job.jobId}?bucket=${B.bucket}`);
  await open.click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${job.jobId}\\?bucket=${B.bucket}$`));
  await expect(page.getByTestId('detail-summary')).toContainText(job.jobId);
  await expect(page.getByRole('combobox', { name: 'Bucket' })).toHaveValue(B.bucket);
  await expect(page.getByRole('link', { name: '← All jobs' })).toHaveAttribute('href', `/jobs?bucket=${B.bucket}`);

  // The find box stays in the bucket too.
  await hydrated(page);
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  await box.fill(jobs[1]!.jobId);
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobs[1]!.jobId}\\?bucket=${B.bucket}$`));
  await expect(page.getByTestId('detail-summary')).toContainText(jobs[1]!.jobId);
});

test('an unknown bucket in the URL is named, with the buckets there are, and nothing is asked of CI', async ({
  page,
}) => {
  const api = await page.request.get('/api/jobs?tag=Transcode&bucket=nope-1250000000');
  expect(api.status()).toBe(400);
  expect(await errorOf(api)).toMatchObject({ field: 'bucket', message: expect.stringContaining(B.bucket) });

  await page.goto('/jobs?bucket=nope-1250000000&tag=Transcode');
  await hydrated(page);
  const issues = page.getByTestId('view-issues');
  await expect(issues).toContainText('Bucket');
  await expect(issues).toContainText('nope-1250000000');
  await expect(issues).toContainText(`${A.bucket}, ${B.bucket}`);
  await issues.getByRole('button', { name: 'Remove bucket' }).click();
  await expect(page).not.toHaveURL(/bucket=/);
  expect((await rowIds(page)).length).toBeGreaterThan(0);

  await page.goto('/jobs/j0123456789abcdef0123456789abcdef?bucket=nope-1250000000');
  const notice = page.getByTestId('bucket-issue');
  await expect(notice).toContainText('nope-1250000000');
  await expect(notice).toContainText('bucket parameter');
  await expect(notice.getByRole('link', { name: `${B.bucket} · ${B.region}` })).toBeVisible();
});

test('the emulator saw each bucket’s requests arrive at, and signed for, that bucket’s own host', async ({ page }) => {
  await page.request.delete(`${emulatorUrl()}/__emulator/requests`);
  // Sizes no other test asks for, so the server's shared read cache cannot answer them.
  await apiJobs(page, 'tag=Animation&size=17');
  await apiJobs(page, `tag=Animation&size=17&bucket=${B.bucket}`);
  await page.goto(`/jobs?bucket=${B.bucket}&tag=Segment&size=50`);
  await settledRows(page);

  const { requests } = (await (await page.request.get(`${emulatorUrl()}/__emulator/requests`)).json()) as {
    requests: { host: string; bucket?: string; status: number; path: string; query: [string, string][] }[];
  };
  const lists = requests.filter((r) => r.path === '/jobs');
  const hostOf = (b: typeof A) => `${b.bucket}.ci.${b.region}.myqcloud.com`;
  const sizeOf = (r: (typeof lists)[number]) => r.query.find(([k]) => k === 'size')?.[1];
  const tagOf = (r: (typeof lists)[number]) => r.query.find(([k]) => k === 'tag')?.[1];
  expect(
    lists
      .filter((r) => tagOf(r) === 'Animation' && sizeOf(r) === '17')
      .map((r) => [r.host, r.bucket, r.status])
      .sort(),
  ).toEqual(
    [
      [hostOf(A), A.bucket, 200],
      [hostOf(B), B.bucket, 200],
    ].sort(),
  );
  // The page in bucket B: its list (prefetched on the server or asked by the browser) went to B's host.
  const segment = lists.filter((r) => tagOf(r) === 'Segment' && sizeOf(r) === '50');
  expect(segment.length).toBeGreaterThan(0);
  for (const r of segment) expect([r.host, r.bucket, r.status]).toEqual([hostOf(B), B.bucket, 200]);
  // Nothing was refused: every request was signed for the host it arrived at, with that bucket's key.
  expect(requests.filter((r) => r.status === 403)).toEqual([]);
});

test('with one bucket configured the header names it as plain text, with no switcher', async ({ page }) => {
  const app = await startAppProcess({
    CI_SECRET_ID: '',
    CI_SECRET_KEY: '',
    EMULATOR_PORT: '0',
    EMULATOR_BUCKETS: 'solo-1250000009@ap-beijing',
    DASHBOARD_AUTH: 'none',
  });
  try {
    await page.goto(`${app.url}/jobs`);
    await expect(page.getByTestId('bucket-current')).toHaveText('solo-1250000009 · ap-beijing');
    await expect(page.getByTestId('bucket-switcher')).toHaveCount(0);
    const health = await bodyOf<Health>(await page.request.get(`${app.url}/api/health`));
    expect(health.buckets).toMatchObject([{ bucket: 'solo-1250000009', region: 'ap-beijing' }]);
  } finally {
    await app.stop();
  }
});
