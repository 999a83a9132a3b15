/**
 * Where P4a's and P4b′'s time goes (issue 14), on the production build (`npx next build` first):
 *
 * - `p4a`: a V8 CPU profile of /jobs?size=100 from navigation to the rows hydrated, by function
 *   (self and inclusive ms; a minified function is named by the source text at its position), and
 *   the main thread's long tasks from a Chrome trace with what they spent on script, parse, style,
 *   layout and paint.
 * - `p4b`: 10,000 rows loaded ("Load all"), then one top → bottom scroll of the table at 500 px a
 *   frame under a Chrome trace: script, style, layout, paint per frame.
 *
 *   npx tsx --conditions=react-server bench/profile-rows.ts p4a|p4b
 */
import type { Page } from 'playwright-core';

import { startAppProcess } from '../tests/e2e/support/servers';
import { launch, loadAll, scrollFrameTimes, withPage } from './browser';
import { percentile } from './lib';

type TraceEvent = { name: string; ph: string; ts: number; dur?: number; pid: number; tid: number; cat: string };

const KINDS: [RegExp, string][] = [
  [
    /^(EvaluateScript|v8\.compile|v8\.evaluateModule|FunctionCall|TimerFire|FireAnimationFrame|EventDispatch|v8\.run|RunMicrotasks|V8\.GCScavenger|MajorGC|MinorGC|v8\.callFunction|CompileScript|CompileCode)$/,
    'script',
  ],
  [/^(ParseHTML|ParseAuthorStyleSheet)$/, 'parse'],
  [/^(UpdateLayoutTree|RecalculateStyles|ScheduleStyleRecalculation)$/, 'style'],
  [/^(Layout|UpdateLayer|IntersectionObserverController::computeIntersections)$/, 'layout'],
  [/^(Paint|PrePaint|Layerize|CompositeLayers|PaintImage|UpdateLayerTree|Commit|RasterTask)$/, 'paint'],
];

function kindOf(name: string): string | null {
  for (const [re, kind] of KINDS) if (re.test(name)) return kind;
  return null;
}

/** Sums, per kind, the time of the outermost events of that kind inside the main thread's tasks. */
function splitTasks(events: TraceEvent[], main: { pid: number; tid: number }, from = 0) {
  const onMain = events
    .filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.ts >= from && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const totals: Record<string, number> = { script: 0, parse: 0, style: 0, layout: 0, paint: 0 };
  const long: { ms: number; split: Record<string, number> }[] = [];
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const split: Record<string, number> = {};
    let coveredUntil: Record<string, number> = {};
    for (const e of onMain) {
      if (e.ts < task.ts || e.ts >= end || e === task) continue;
      const kind = kindOf(e.name);
      if (!kind) continue;
      if ((coveredUntil[kind] ?? 0) > e.ts) continue; // nested in one of its kind
      coveredUntil[kind] = e.ts + e.dur!;
      split[kind] = (split[kind] ?? 0) + e.dur! / 1000;
    }
    coveredUntil = {};
    for (const [k, v] of Object.entries(split)) totals[k] = (totals[k] ?? 0) + v;
    if (task.dur! > 50_000) long.push({ ms: task.dur! / 1000, split });
  }
  return { totals, long, tasks: tasks.length };
}

function mainThread(events: TraceEvent[]) {
  // The renderer's main thread: the one with the most EvaluateScript/FunctionCall time.
  const by = new Map<string, number>();
  for (const e of events)
    if (e.ph === 'X' && (e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'Layout')) {
      const key = `${e.pid}:${e.tid}`;
      by.set(key, (by.get(key) ?? 0) + (e.dur ?? 0));
    }
  const [best] = [...by.entries()].sort((a, b) => b[1] - a[1]);
  const [pid, tid] = best![0].split(':').map(Number);
  return { pid: pid!, tid: tid! };
}

async function traced<T>(page: Page, fn: () => Promise<T>): Promise<{ result: T; events: TraceEvent[] }> {
  const browser = page.context().browser()!;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const result = await fn();
  const buffer = await browser.stopTracing();
  const events = (JSON.parse(buffer.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  return { result, events };
}

const fmt = (o: Record<string, number>, per = 1) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${(v / per).toFixed(1)}`)
    .join(' · ');

async function p4a(appUrl: string) {
  const url = `${appUrl}/jobs?tag=Transcode&size=100`;
  const browser = await launch();
  try {
    await withPage(browser, async (page) => {
      await page.goto(url);
      await page.locator('[data-testid="jobs-table"][data-hydrated]').waitFor();
    });
    for (let run = 0; run < 3; run++) {
      await withPage(browser, async (page) => {
        await page.goto(`${appUrl}/blank`);
        const { events } = await traced(page, async () => {
          await page.goto(url, { waitUntil: 'commit' });
          await page.locator('[data-testid="jobs-table"][data-hydrated]').waitFor();
          await page.waitForTimeout(300);
        });
        const split = splitTasks(events, mainThread(events));
        console.log(`trace run ${run}: totals ms ${fmt(split.totals)}`);
        for (const t of split.long) console.log(`  long task ${t.ms.toFixed(0)} ms: ${fmt(t.split)}`);
      });
    }
    // CPU profile by function (same-site navigation keeps the renderer, so the session stays).
    await withPage(browser, async (page) => {
      await page.goto(`${appUrl}/blank`);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      await page.goto(url, { waitUntil: 'commit' });
      await page.locator('[data-testid="jobs-table"][data-hydrated]').waitFor();
      await page.waitForTimeout(300);
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      await report(profile, page);
    });
  } finally {
    await browser.close();
  }
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

async function report(profile: CpuProfile, page: Page) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const inclusive = new Map<number, number>();
  const walk = (id: number): number => {
    const n = byId.get(id)!;
    const total = (self.get(id) ?? 0) + (n.children ?? []).reduce((s, c) => s + walk(c), 0);
    inclusive.set(id, total);
    return total;
  };
  const root = profile.nodes[0]!.id;
  walk(root);
  const key = (n: CpuProfile['nodes'][number]) =>
    `${n.callFrame.functionName || '(anon)'}@${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
  const selfBy = new Map<string, number>();
  const inclBy = new Map<string, number>();
  // Inclusive per function without counting a recursive frame twice: only the outermost on a path.
  const visit = (id: number, open: Set<string>) => {
    const n = byId.get(id)!;
    const k = key(n);
    selfBy.set(k, (selfBy.get(k) ?? 0) + (self.get(id) ?? 0));
    if (!open.has(k)) inclBy.set(k, (inclBy.get(k) ?? 0) + inclusive.get(id)!);
    const next = open.has(k) ? open : new Set(open).add(k);
    for (const c of n.children ?? []) visit(c, next);
  };
  visit(root, new Set());
  const sources = new Map<string, string>();
  const snippet = async (k: string) => {
    const node = profile.nodes.find((n) => key(n) === k)!;
    const url = node.callFrame.url;
    if (!url.includes('/_next/')) return '';
    if (!sources.has(url)) sources.set(url, await (await fetch(url)).text());
    const lines = sources.get(url)!.split('\n');
    const line = lines[node.callFrame.lineNumber] ?? '';
    return line.slice(node.callFrame.columnNumber, node.callFrame.columnNumber + 160).replace(/\s+/g, ' ');
  };
  const total = inclusive.get(root)!;
  const idle = [...selfBy.entries()].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
  console.log(`CPU profile: ${total.toFixed(0)} ms sampled, ${idle.toFixed(0)} ms idle`);
  console.log('top self:');
  for (const [k, v] of [...selfBy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${v.toFixed(1).padStart(7)} ${k} ${await snippet(k)}`.slice(0, 260));
  console.log('top inclusive (page chunks):');
  for (const [k, v] of [...inclBy.entries()]
    .filter(([k]) => k.includes('.js'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 60))
    console.log(`  ${v.toFixed(1).padStart(7)} ${k} ${await snippet(k)}`.slice(0, 260));
  void page;
}

async function p4b(appUrl: string) {
  const browser = await launch();
  try {
    await withPage(browser, async (page) => {
      await loadAll(page, appUrl);
      for (let run = 0; run < 2; run++) {
        const { result: deltas, events } = await traced(page, () =>
          scrollFrameTimes(page, '[data-testid="jobs-table-scroller"]'),
        );
        const split = splitTasks(events, mainThread(events));
        console.log(
          `scroll run ${run}: ${deltas.length} frames, p50 ${percentile(deltas, 50).toFixed(1)} p95 ${percentile(deltas, 95).toFixed(1)} ms; per frame ms: ${fmt(split.totals, deltas.length)}`,
        );
      }
    });
  } finally {
    await browser.close();
  }
}

const mode = process.argv[2] ?? 'p4a';
const app = await startAppProcess({
  EMULATOR_JOBS: '60000',
  EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
  DASHBOARD_RATE_LIMIT: '0',
  CI_SECRET_ID: '',
  CI_SECRET_KEY: '',
});
try {
  if (mode === 'p4a') await p4a(app.url);
  else await p4b(app.url);
} finally {
  await app.stop();
}
