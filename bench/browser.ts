/**
 * P4 (browser) and P5 (page weight), in Chromium driven by Playwright against the production app
 * (`ctx.appUrl`, on its embedded emulator, started by the harness with EMULATOR_JOBS large enough
 * for 10,000 Transcode jobs):
 *
 * - P4a: navigation start → the first 100 rows of `/jobs?tag=Transcode&size=100` painted: a
 *   requestAnimationFrame loop (installed before any page script) notes the first frame in which
 *   the 100th row is in the DOM, and the paint is the next frame (double rAF). ms; target ≤ 1000.
 * - P4b: 10,000 jobs loaded into the table through the page's own "Load all" (accumulate mode),
 *   then the table's scroller is scrolled from top to bottom in fixed steps, one step per animation
 *   frame, while the frame times (rAF deltas) are recorded; p95 frame time, target ≤ 16.7 ms.
 *   The rows are loaded once; each repetition scrolls the whole table again from the top.
 * - P5: the JavaScript `/jobs` loads (every response of type script until the first rows are on
 *   screen and the network is idle), each body gzipped with node:zlib at its default level, summed,
 *   against the same for `/blank` (a route of the same build that renders nothing). Target ≤ 1.5×.
 *
 * Each figure is the median over `ctx.runs` repetitions, each in a fresh browser context (no cache).
 */
import { gzipSync } from 'node:zlib';

import { chromium, type Browser, type Page } from 'playwright-core';

import { median, percentile, type BenchContext, type BenchRow } from './lib';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const FIRST_ROWS = 100;
const LOADED_ROWS = 10_000;
/**
 * Pixels scrolled per animation frame in P4b: 500 (15 rows, 30,000 px/s) is a hard flick — every
 * frame brings 15 new rows in. BENCH_SCROLL_STEP sets another (a mouse-wheel notch is 100 px, which
 * Chrome spreads over several frames); smaller steps take longer: 330,000 px / step frames.
 */
const SCROLL_STEP_PX = Math.max(1, Number(process.env.BENCH_SCROLL_STEP) || 500);
const FRAME_BUDGET_MS = 1000 / 60;

async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

async function withPage<T>(browser: Browser, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    return await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

/** P4a, one run: ms from navigation start to the frame after the one with the 100th row. */
async function firstRowsPaintedMs(page: Page, appUrl: string): Promise<number> {
  // In-page code is passed as text: tsx's transform would add helpers the page does not have.
  await page.addInitScript({
    content: `window.__firstRows = new Promise((resolve) => {
      const tick = () => {
        if (document.querySelector('[data-testid="jobs-table"] tbody tr[aria-rowindex="${FIRST_ROWS + 1}"]')) {
          // This frame lays out and paints the row; the next callback comes after that paint.
          requestAnimationFrame(() => resolve(performance.now()));
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });`,
  });
  await page.goto(`${appUrl}/jobs?tag=Transcode&size=${FIRST_ROWS}`, { waitUntil: 'commit' });
  // performance.now() counts from the navigation's time origin, so this is navigation start → paint.
  return page.evaluate<number>('window.__firstRows');
}

/** Loads LOADED_ROWS jobs through the page's "Load all", returns how long that took (ms). */
async function loadAll(page: Page, appUrl: string): Promise<number> {
  await page.goto(`${appUrl}/jobs?tag=Transcode&size=100`);
  await page.locator('[data-testid="jobs-table"] tbody tr').first().waitFor();
  const started = Date.now();
  await page.getByTestId('load-all').click();
  // Polled with evaluate (waitForFunction would eval a string, which the page's CSP forbids).
  const done = `Number(document.querySelector('[data-testid="jobs-table"]')?.getAttribute('aria-rowcount')) - 1 >= ${LOADED_ROWS} &&
    document.querySelector('[data-testid="accumulate-status"]')?.getAttribute('data-loading') !== 'true'`;
  while (!(await page.evaluate(done))) {
    if (Date.now() - started > 240_000) throw new Error(`${LOADED_ROWS} rows not loaded in 240 s`);
    await page.waitForTimeout(250);
  }
  return Date.now() - started;
}

/** Scrolls the table's scroller from top to bottom, one step per frame; returns the rAF deltas. */
async function scrollFrameTimes(page: Page): Promise<{ deltas: number[]; rows: number }> {
  return page.evaluate<{ deltas: number[]; rows: number }>(`(async () => {
    const scroller = document.querySelector('[data-testid="jobs-table-scroller"]');
    if (!scroller) throw new Error('no table scroller: is the table virtualized?');
    scroller.scrollTop = 0;
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    // Settle at the top before measuring.
    for (let i = 0; i < 10; i++) await frame();
    const deltas = [];
    let last = await frame();
    for (;;) {
      const max = scroller.scrollHeight - scroller.clientHeight;
      if (scroller.scrollTop >= max - 1) break;
      scroller.scrollTop = Math.min(max, scroller.scrollTop + ${SCROLL_STEP_PX});
      const now = await frame();
      deltas.push(now - last);
      last = now;
    }
    const rows = Number(document.querySelector('[data-testid="jobs-table"]').getAttribute('aria-rowcount')) - 1;
    return { deltas, rows };
  })()`);
}

/** P5, one run: gzipped bytes of every script the page loads until it is settled. */
async function scriptBytes(
  page: Page,
  url: string,
  settled: (page: Page) => Promise<void>,
): Promise<{ gz: number; files: number }> {
  const bodies: Promise<Buffer | null>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body().catch(() => null));
  });
  await page.goto(url, { waitUntil: 'load' });
  await settled(page);
  await page.waitForLoadState('networkidle');
  const all = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  return { gz: all.reduce((sum, b) => sum + gzipSync(b).length, 0), files: all.length };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

export async function runBrowserBench(ctx: BenchContext): Promise<BenchRow[]> {
  const runs = Math.max(1, ctx.runs);
  const browser = await launch();
  try {
    // Warm the server (first compile of routes, the emulator's first pages) outside the figures.
    await withPage(browser, async (page) => {
      await page.goto(`${ctx.appUrl}/jobs?tag=Transcode&size=${FIRST_ROWS}`);
      await page.locator('[data-testid="jobs-table"] tbody tr').first().waitFor();
      await page.goto(`${ctx.appUrl}/blank`);
    });

    const paint: number[] = [];
    for (let i = 0; i < runs; i++) paint.push(await withPage(browser, (page) => firstRowsPaintedMs(page, ctx.appUrl)));

    const p95s: number[] = [];
    const p50s: number[] = [];
    let loadMs = 0;
    let rows = 0;
    let frames = 0;
    await withPage(browser, async (page) => {
      loadMs = await loadAll(page, ctx.appUrl);
      for (let i = 0; i < runs; i++) {
        const r = await scrollFrameTimes(page);
        rows = r.rows;
        frames = r.deltas.length;
        p95s.push(percentile(r.deltas, 95));
        p50s.push(percentile(r.deltas, 50));
      }
    });

    const jobsGz: number[] = [];
    const blankGz: number[] = [];
    let jobsFiles = 0;
    let blankFiles = 0;
    for (let i = 0; i < runs; i++) {
      const jobs = await withPage(browser, (page) =>
        scriptBytes(page, `${ctx.appUrl}/jobs?tag=Transcode&size=${FIRST_ROWS}`, async (p) => {
          await p.locator('[data-testid="jobs-table"] tbody tr').first().waitFor();
        }),
      );
      const blank = await withPage(browser, (page) =>
        scriptBytes(page, `${ctx.appUrl}/blank`, async (p) => {
          await p.getByTestId('blank').waitFor({ state: 'attached' });
        }),
      );
      jobsGz.push(jobs.gz);
      blankGz.push(blank.gz);
      jobsFiles = jobs.files;
      blankFiles = blank.files;
    }

    const paintMs = median(paint);
    const p95 = median(p95s);
    const jobsBytes = median(jobsGz);
    const blankBytes = median(blankGz);
    return [
      {
        id: 'P4a',
        what: `Browser: navigation → first ${FIRST_ROWS} rows painted (/jobs, size=${FIRST_ROWS})`,
        figure: `${paintMs.toFixed(0)} ms`,
        target: '≤ 1000 ms',
        ratio: paintMs / 1000,
        limit: 1,
        unit: 'ms',
      },
      {
        id: 'P4b',
        what: `Browser: scroll ${rows.toLocaleString('en')} loaded rows top → bottom, ${SCROLL_STEP_PX} px/frame (${frames} frames; loading them took ${(loadMs / 1000).toFixed(1)} s)`,
        figure: `p95 ${p95.toFixed(1)} ms, p50 ${median(p50s).toFixed(1)} ms per frame`,
        target: `p95 ≤ ${FRAME_BUDGET_MS.toFixed(1)} ms`,
        ratio: p95 / 16.7,
        limit: 1,
        unit: 'ms',
      },
      {
        id: 'P5',
        what: `Page weight: JavaScript of /jobs vs /blank, gzipped (${jobsFiles} vs ${blankFiles} scripts)`,
        figure: `${kb(jobsBytes)} vs ${kb(blankBytes)}`,
        target: '≤ 1.5× blank',
        ratio: jobsBytes / blankBytes,
        limit: 1.5,
        unit: '×',
      },
    ];
  } finally {
    await browser.close();
  }
}
