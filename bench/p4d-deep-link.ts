/**
 * P4d: a cold deep link to one job. Navigation start → the job's summary painted on `/jobs/<id>`,
 * against navigation start → the first 100 rows painted on `/jobs?tag=Transcode&size=100` (P4a's
 * measure), in the same browser and run, each in a fresh context (no cache), alternating. A
 * requestAnimationFrame loop installed before any page script notes the first frame in which the
 * element is in the DOM outside any hidden subtree; the paint is the next frame.
 * Target: the deep link no slower than the list.
 */
import type { Browser } from 'playwright-core';

import { firstRowsPaintedMs, launch, paintedMs as paintedAt, withPage } from './browser';
import { median, type BenchContext, type BenchRow } from './lib';
import { fetchOnce } from './p2-proxy';

const SUMMARY = '[data-testid="detail-summary"] [data-testid="job-state"]';

/** P4a's measure (browser.ts paintedMs: the frame after `selector` is shown) in a fresh context. */
const paintedMs = (browser: Browser, url: string, selector: string) =>
  withPage(browser, (page) => paintedAt(page, url, selector));
/** P4a itself: the list's first 100 rows painted, in a fresh context. */
const listPaintedMs = (browser: Browser, appUrl: string) =>
  withPage(browser, (page) => firstRowsPaintedMs(page, appUrl));

export async function runDeepLinkBench(ctx: BenchContext): Promise<BenchRow[]> {
  const found = (await (await fetchOnce(`${ctx.appUrl}/api/jobs?tag=Transcode&states=Success&size=1`)).json()) as {
    jobs: { jobId: string }[];
  };
  const jobId = found.jobs[0]?.jobId;
  if (!jobId) throw new Error('P4d: no Transcode job to link to');
  const deep = `${ctx.appUrl}/jobs/${jobId}`;
  const browser = await launch();
  try {
    // Warm both routes (first render, the emulator's first answers) outside the figures.
    await paintedMs(browser, deep, SUMMARY);
    await listPaintedMs(browser, ctx.appUrl);
    const d: number[] = [];
    const l: number[] = [];
    for (let i = 0; i < Math.max(3, ctx.runs); i++) {
      d.push(await paintedMs(browser, deep, SUMMARY));
      l.push(await listPaintedMs(browser, ctx.appUrl));
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
