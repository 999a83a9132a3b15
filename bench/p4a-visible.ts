/**
 * P4a seen two more ways (issue 14), on the production build (`npx next build` first):
 *
 * - when row 101 is in the DOM and when it is visible: P4a's measure (bench/browser.ts paintedMs)
 *   took the first until it was made to skip hidden subtrees, and rows streamed behind a Suspense boundary are in the DOM as a hidden copy
 *   (`<div hidden id="S:…">`) until React's inline script reveals them — no sooner than 300 ms after
 *   the first paint in React 19.2. Here the paint is the frame after the row is in the DOM outside
 *   any `[hidden]`;
 * - the renderer main thread's CPU time (trace thread time) from navigation to that paint, for
 *   /jobs and /blank: less sensitive than wall time to a machine shared with other work.
 *
 * With URLs it measures those servers, alternating (an A/B of two builds in one run); without, it
 * starts this build as bench/profile-rows.ts does.
 *
 *   npx tsx --conditions=react-server bench/p4a-visible.ts [runs] [appUrl…]
 */
import type { Browser } from 'playwright-core';

import { startAppProcess, type Started } from '../tests/e2e/support/servers';
import { launch, withPage } from './browser';
import { median } from './lib';

type TraceEvent = {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { documentLoaderURL?: string } };
};
interface Run {
  inDom: number;
  painted: number;
  mainCpu: number;
}

const LIST = '/jobs?tag=Transcode&size=100';
const ROW = '[data-testid="jobs-table"] tbody tr[aria-rowindex="101"]';
const BLANK = '[data-testid="blank"]';

async function measure(browser: Browser, url: string, selector: string): Promise<Run> {
  return withPage(browser, async (page) => {
    // In-page code as text (tsx's transform would add helpers the page does not have).
    await page.addInitScript({
      content: `window.__marks = new Promise((resolve) => {
        let inDom = 0;
        const tick = () => {
          const el = document.querySelector(${JSON.stringify(selector)});
          if (el && !inDom) inDom = performance.now();
          if (el && !el.closest('[hidden]')) requestAnimationFrame(() => resolve({ inDom, painted: performance.now() }));
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });`,
    });
    await browser.startTracing(page, {
      categories: [
        'toplevel',
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'loading',
      ],
    });
    await page.goto(url, { waitUntil: 'commit' });
    const marks = await page.evaluate<{ inDom: number; painted: number }>('window.__marks');
    const events = (JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }).traceEvents;
    const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.documentLoaderURL === url);
    // Now and then the trace lacks the navigation's start (a renderer that began before tracing):
    // that run keeps its marks and leaves the CPU figure out.
    if (!nav) return { ...marks, mainCpu: NaN };
    const end = nav.ts + marks.painted * 1000;
    // The main thread's outermost tasks between navigation and the paint, by their thread time.
    const tasks = events
      .filter(
        (e) =>
          e.pid === nav.pid &&
          e.tid === nav.tid &&
          e.ph === 'X' &&
          (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
          e.ts >= nav.ts &&
          e.ts < end,
      )
      .sort((a, b) => a.ts - b.ts);
    let coveredUntil = 0;
    let mainCpu = 0;
    for (const t of tasks) {
      if (t.ts < coveredUntil) continue;
      coveredUntil = t.ts + (t.dur ?? 0);
      mainCpu += (t.tdur ?? t.dur ?? 0) / 1000;
    }
    return { ...marks, mainCpu };
  });
}

const runs = Number(process.argv[2] ?? 5);
let urls = process.argv.slice(3);
let app: Started | null = null;
if (urls.length === 0) {
  app = await startAppProcess({
    EMULATOR_JOBS: '60000',
    EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
    DASHBOARD_RATE_LIMIT: '0',
    CI_SECRET_ID: '',
    CI_SECRET_KEY: '',
  });
  urls = [app.url];
}
const browser = await launch();
try {
  const results = urls.map(() => ({ list: [] as Run[], blank: [] as Run[] }));
  // Warm each server (routes, the emulator's first pages) outside the figures.
  for (const url of urls)
    await withPage(browser, async (page) => {
      await page.goto(`${url}${LIST}`);
      await page.goto(`${url}/blank`);
    });
  for (let i = 0; i < runs; i++)
    for (const [k, url] of urls.entries()) {
      results[k]!.list.push(await measure(browser, `${url}${LIST}`, ROW));
      results[k]!.blank.push(await measure(browser, `${url}/blank`, BLANK));
    }
  const med = (rs: Run[], key: keyof Run) => median(rs.map((r) => r[key]).filter(Number.isFinite));
  for (const [k, url] of urls.entries()) {
    const { list, blank } = results[k]!;
    console.log(
      `${url}: row 101 in the DOM ${med(list, 'inDom').toFixed(0)} ms · visible and painted ${med(list, 'painted').toFixed(0)} ms` +
        ` (${(med(list, 'painted') / med(blank, 'painted')).toFixed(2)}× /blank's ${med(blank, 'painted').toFixed(0)} ms)` +
        ` · main-thread CPU to the paint ${med(list, 'mainCpu').toFixed(0)} ms vs /blank ${med(blank, 'mainCpu').toFixed(0)} ms` +
        ` (${(med(list, 'mainCpu') / med(blank, 'mainCpu')).toFixed(2)}×) · medians of ${runs}`,
    );
  }
} finally {
  await browser.close();
  await app?.stop();
}
