/**
 * P4d: a cold deep link to one job. Navigation start → the job's summary painted on `/jobs/<id>`,
 * against navigation start → the first 100 rows painted on `/jobs?tag=Transcode&size=100` (P4a's
 * measure), in the same browser and run, each in a fresh context (no cache), alternating. A
 * requestAnimationFrame loop installed before any page script notes the first frame in which the
 * element is in the DOM; the paint is the next frame. Target: the deep link no slower than the list.
 */
import { chromium, type Browser } from 'playwright-core';

import { CHROMIUM_ARGS } from './browser';
import { median, type BenchContext, type BenchRow } from './lib';
import { fetchOnce } from './p2-proxy';

const SUMMARY = '[data-testid="detail-summary"] [data-testid="job-state"]';
const HUNDREDTH_ROW = '[data-testid="jobs-table"] tbody tr[aria-rowindex="101"]';

/** ms from navigation start to the frame after the one in which `selector` first matched. */
async function paintedMs(browser: Browser, url: string, selector: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    // In-page code as text: tsx's transform would add helpers the page does not have.
    await page.addInitScript({
      content: `window.__painted = new Promise((resolve) => {
        const tick = () => {
          if (document.querySelector(${JSON.stringify(selector)})) requestAnimationFrame(() => resolve(performance.now()));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });`,
    });
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate<number>('window.__painted');
  } finally {
    await context.close();
  }
}

export async function runDeepLinkBench(ctx: BenchContext): Promise<BenchRow[]> {
  const found = (await (await fetchOnce(`${ctx.appUrl}/api/jobs?tag=Transcode&states=Success&size=1`)).json()) as {
    jobs: { jobId: string }[];
  };
  const jobId = found.jobs[0]?.jobId;
  if (!jobId) throw new Error('P4d: no Transcode job to link to');
  const deep = `${ctx.appUrl}/jobs/${jobId}`;
  const list = `${ctx.appUrl}/jobs?tag=Transcode&size=100`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  try {
    // Warm both routes (first render, the emulator's first answers) outside the figures.
    await paintedMs(browser, deep, SUMMARY);
    await paintedMs(browser, list, HUNDREDTH_ROW);
    const d: number[] = [];
    const l: number[] = [];
    for (let i = 0; i < Math.max(3, ctx.runs); i++) {
      d.push(await paintedMs(browser, deep, SUMMARY));
      l.push(await paintedMs(browser, list, HUNDREDTH_ROW));
    }
    return [
      {
        id: 'P4d',
        what: 'Browser: cold deep link /jobs/<id> → the job’s summary painted, vs the list’s first 100 rows (P4a’s measure), same run',
        figure: `deep link ${median(d).toFixed(0)} ms · list ${median(l).toFixed(0)} ms`,
        target: '≤ 1× the list',
        ratio: median(d) / median(l),
        limit: 1,
        unit: '×',
      },
    ];
  } finally {
    await browser.close();
  }
}
