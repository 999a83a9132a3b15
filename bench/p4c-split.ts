/**
 * P4c's split (a profiling aid, not a figure of `npm run bench`): where the time of "Load all" from
 * the job index goes, in one Chromium page against the production build with the index live.
 *
 *   npx next build && npx tsx --conditions=react-server bench/p4c-split.ts [dataDir] [runs]
 *
 * `dataDir` (default: a new temporary one) keeps the filled store between runs: it is filled with
 * 44,000 jobs (fillIndexStore, as bench/browser.ts's startIndexedApp does) only if it has none yet.
 * Prints per run, from the click: the export request's start, first byte and last byte (Resource
 * Timing), the first frame with every row in the table and the frame after it (what P4c measures),
 * the long tasks after the last byte, and with BENCH_CPU=1 the functions taking the most CPU
 * (Chrome's sampling profiler) over the whole load.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { fillIndexStore, INDEXED_APP_ENV, startAppProcess } from '../tests/e2e/support/servers';
import { launch, withPage } from './browser';

const dataDir = process.argv[2] || mkdtempSync(path.join(tmpdir(), 'bench-p4c-split-'));
const runs = Number(process.argv[3] ?? 3);
// P4C_URL: a server already running with the index live (then dataDir is not used).
if (!process.env.P4C_URL && !existsSync(path.join(dataDir, 'pglite')))
  fillIndexStore(dataDir, 'demo-1250000000', 44_000);
const app = process.env.P4C_URL
  ? { url: process.env.P4C_URL, stop: () => Promise.resolve() }
  : await startAppProcess({
      ...INDEXED_APP_ENV,
      INDEX_POLL_MS: '10000',
      DASHBOARD_RATE_LIMIT: '0',
      DASHBOARD_DATA_DIR: dataDir,
    });
for (;;) {
  const health = (await (await fetch(`${app.url}/api/health`).catch(() => null))?.json().catch(() => null)) as {
    index?: { state: string };
  } | null;
  if (health?.index?.state === 'live') break;
  await new Promise((r) => setTimeout(r, 1000));
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

interface Split {
  fetchStart: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  allRows: number;
  painted: number;
  bytes: number;
  longTasks: [number, number][];
}

/** A profile's function: its name, file and position, and (minified chunks) a few characters of its source. */
function frameName(f: { functionName: string; url: string; lineNumber: number; columnNumber: number }): string {
  const file = f.url.split('/').pop() ?? '';
  let source = '';
  if (file.endsWith('.js')) {
    const chunk = path.join('.next/static/chunks', file);
    if (existsSync(chunk)) {
      const lines = readFileSync(chunk, 'utf8').split('\n');
      source = (lines[f.lineNumber] ?? '').slice(f.columnNumber, f.columnNumber + 70).replace(/\s+/g, ' ');
    }
  }
  return `${f.functionName || '(anon)'} ${file}:${f.lineNumber}:${f.columnNumber} ${source}`;
}

const browser = await launch();
try {
  for (let i = 0; i < runs; i++) {
    await withPage(browser, async (page) => {
      await page.goto(`${app.url}/jobs?tag=Transcode&size=100`);
      await page.locator('[data-testid="jobs-table"][data-hydrated]').waitFor();
      await page.locator('[data-testid="jobs-table"] tbody tr').first().waitFor();
      const cdp = await page.context().newCDPSession(page);
      const trace = process.env.BENCH_TRACE === '1';
      if (trace)
        await browser.startTracing(page, {
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'v8.execute'],
        });
      const cpu = process.env.BENCH_CPU === '1';
      if (cpu) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
      const split = await page.evaluate<Split>(`new Promise((resolve) => {
        const longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask' });
        const done = () => Number(document.querySelector('[data-testid="jobs-table"]')?.getAttribute('aria-rowcount')) - 1 >= 10000;
        const t0 = performance.now();
        const tick = () => {
          if (done()) {
            const allRows = performance.now();
            requestAnimationFrame(() => {
              const painted = performance.now();
              setTimeout(() => {
                const r = performance.getEntriesByType('resource').filter((e) => e.name.includes('format=ndjson')).pop();
                resolve({
                  fetchStart: r.fetchStart - t0, requestStart: r.requestStart - t0, responseStart: r.responseStart - t0, responseEnd: r.responseEnd - t0,
                  allRows: allRows - t0, painted: painted - t0, bytes: r.encodedBodySize || r.transferSize,
                  longTasks: longTasks.filter(([s]) => s >= t0).map(([s, d]) => [Math.round(s - t0), Math.round(d)]),
                });
              }, 50);
            });
          } else if (performance.now() - t0 > 60000) resolve({ error: 'no 10,000 rows in 60 s: ' + document.querySelector('[data-testid="accumulate-status"]')?.textContent });
          else requestAnimationFrame(tick);
        };
        document.querySelector('[data-testid="load-all"]').click();
        requestAnimationFrame(tick);
      })`);
      if ('error' in split) throw new Error(String(split.error));
      const f = (n: number) => n.toFixed(0).padStart(5);
      console.log(
        `run ${i + 1}: fetch ${f(split.fetchStart)} · request ${f(split.requestStart)} · first byte ${f(split.responseStart)} · last byte ${f(split.responseEnd)}` +
          ` · all rows ${f(split.allRows)} · painted ${f(split.painted)} ms · ${(split.bytes / 1e6).toFixed(2)} MB` +
          `\n  long tasks [start, ms]: ${JSON.stringify(split.longTasks)}`,
      );
      if (trace) {
        // Top-level main-thread work by kind, from the last byte to the paint (trace times in µs).
        const buffer = await browser.stopTracing();
        // BENCH_TRACE_FILE: the whole trace kept for Chrome's Performance panel (or a script).
        if (process.env.BENCH_TRACE_FILE)
          writeFileSync(process.env.BENCH_TRACE_FILE.replace('%d', String(i + 1)), buffer);
        const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
        const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
        const from = (click?.ts ?? 0) + (process.env.BENCH_TRACE_ALL === '1' ? 0 : split.responseEnd * 1000);
        const to = (click?.ts ?? 0) + split.painted * 1000;
        const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
        const kinds = new Map<string, number>();
        for (const e of events) {
          if (e.ph !== 'X' || e.tid !== main?.tid || e.pid !== main?.pid || e.ts < from || e.ts > to || !e.dur)
            continue;
          kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur / 1000);
        }
        console.log('  trace, last byte → painted (inclusive ms by event):');
        for (const [k, ms] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 20))
          console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`);
      }
      if (cpu) {
        const { profile } = await cdp.send('Profiler.stop');
        const self = new Map<string, number>();
        const byId = new Map(profile.nodes.map((n) => [n.id, n]));
        const dt = profile.timeDeltas ?? [];
        // Samples in the tail only: from the last byte to the paint (the profile ends ~100 ms after it).
        const times: number[] = [];
        let at = profile.startTime;
        for (const d of dt) times.push((at += d));
        const from = profile.endTime - (split.painted - split.responseEnd + 150) * 1000;
        const inTail = (k: number) => process.env.BENCH_CPU_ALL === '1' || times[k]! >= from;
        (profile.samples ?? []).forEach((id, k) => {
          if (!inTail(k)) return;
          const n = byId.get(id)!;
          const key = frameName(n.callFrame);
          self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
        });
        // Inclusive time: each sample counts once for every function on its stack.
        const parent = new Map<number, number>();
        for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
        const keyOf = (id: number) => {
          const n = byId.get(id)!;
          return frameName(n.callFrame);
        };
        const total = new Map<string, number>();
        (profile.samples ?? []).forEach((id, k) => {
          if (!inTail(k)) return;
          const seen = new Set<string>();
          for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) seen.add(keyOf(at));
          for (const key of seen) total.set(key, (total.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
        });
        console.log('  self:');
        for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
          console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`);
        console.log('  total:');
        for (const [k, ms] of [...total].sort((a, b) => b[1] - a[1]).slice(0, 40))
          console.log(`  ${ms.toFixed(1).padStart(7)} ms  ${k}`);
      }
    });
  }
} finally {
  await browser.close();
  await app.stop();
}
