/**
 * P5 broken down (not a bench row): every script /jobs and /blank load until settled, each with its
 * gzipped size, and which are /jobs' own (not also loaded by /blank). Used to find what to cut:
 *   npx next build && npx tsx --conditions=react-server bench/p5-scripts.ts
 */
import { gzipSync } from 'node:zlib';

import { chromium, type Page } from '@playwright/test';

import { freePort, startAppProcess } from '../tests/e2e/support/servers';

async function scripts(page: Page, url: string, settled: (p: Page) => Promise<void>) {
  const got: Promise<[string, number]>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() !== 'script') return;
    got.push(
      r
        .body()
        .then((b): [string, number] => [new URL(r.url()).pathname, gzipSync(b).length])
        .catch((): [string, number] => [new URL(r.url()).pathname, 0]),
    );
  });
  await page.goto(url, { waitUntil: 'load' });
  await settled(page);
  await page.waitForLoadState('networkidle');
  return new Map(await Promise.all(got));
}

const app = await startAppProcess({
  CI_SECRET_ID: '',
  CI_SECRET_KEY: '',
  EMULATOR_PORT: String(await freePort()),
  EMULATOR_JOBS: '2000',
  EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
  DASHBOARD_RATE_LIMIT: '0',
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const jobsPage = await browser.newPage();
  const jobs = await scripts(jobsPage, `${app.url}/jobs?tag=Transcode&size=100`, async (p) => {
    await p.locator('[data-testid="jobs-table"] tbody tr').first().waitFor();
  });
  const blankPage = await browser.newPage();
  const blank = await scripts(blankPage, `${app.url}/blank`, async (p) => {
    await p.getByTestId('blank').waitFor({ state: 'attached' });
  });
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const kib = (n: number) => (n / 1024).toFixed(1);
  for (const [url, gz] of [...jobs].sort((a, b) => b[1] - a[1]))
    console.log(`${blank.has(url) ? 'both' : 'jobs'}\t${kib(gz)}\t${url}`);
  console.log(
    `/jobs ${kib(sum(jobs))} KiB (${jobs.size}) · /blank ${kib(sum(blank))} KiB (${blank.size}) · ${(sum(jobs) / sum(blank)).toFixed(3)}×`,
  );
} finally {
  await browser.close();
  await app.stop();
}
