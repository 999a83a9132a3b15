/**
 * P3: 100 simulated viewers polling one view every 5 s for 30 s, each on the schedule the page
 * uses (features/jobs/live-refresh-plan.ts: wall-clock-aligned polls), having opened the page at random moments of
 * the window before; the emulator counts the CI calls it received during the 30 s of polling.
 * Target: at most one per refresh window.
 */
import { alignedPoll } from '../features/jobs/live-refresh-plan';
import { median, type BenchContext, type BenchRow } from './lib';

const VIEWERS = 100;
const INTERVAL_MS = 5_000;
const SECONDS = Number(process.env.BENCH_P3_SECONDS ?? 30);

/** One open page: loaded at some moment of the first window, then polling on the page's schedule. */
async function viewer(url: string, until: number): Promise<number> {
  await new Promise((r) => setTimeout(r, Math.random() * INTERVAL_MS));
  let requests = 0;
  for (;;) {
    const res = await fetch(url);
    await res.arrayBuffer();
    requests++;
    const next = alignedPoll(Date.now(), INTERVAL_MS);
    if (next >= until) return requests;
    await new Promise((r) => setTimeout(r, next - Date.now()));
  }
}

export async function runUpstreamBench(ctx: BenchContext): Promise<BenchRow[]> {
  const view = '/api/jobs?tag=Transcode&states=Running,Submitted&size=50';
  const perWindow: number[] = [];
  let served = 0;
  const runs = Math.max(1, Math.min(ctx.runs, 2)); // 30 s each
  for (let run = 0; run < runs; run++) {
    // The viewers open the page over the first window; the count covers the polling that follows.
    const opened = Date.now() + INTERVAL_MS;
    const until = opened + SECONDS * 1000;
    const all = Promise.all(Array.from({ length: VIEWERS }, () => viewer(`${ctx.appUrl}${view}`, until)));
    await new Promise((r) => setTimeout(r, opened - Date.now()));
    await fetch(`${ctx.emulatorUrl}/__emulator/requests`, { method: 'DELETE' });
    const counts = await all;
    served += counts.reduce((a, b) => a + b, 0);
    const log = (await (await fetch(`${ctx.emulatorUrl}/__emulator/requests`)).json()) as
      { requests?: { path: string }[] } | { path: string }[];
    const records = Array.isArray(log) ? log : (log.requests ?? []);
    const calls = records.filter((r) => r.path === '/jobs').length;
    perWindow.push(calls / (SECONDS / (INTERVAL_MS / 1000)));
  }
  const ratio = median(perWindow);
  return [
    {
      id: 'P3',
      what: `upstream calls: ${VIEWERS} viewers polling one view every ${INTERVAL_MS / 1000} s for ${SECONDS} s`,
      figure: `${(ratio * (SECONDS / (INTERVAL_MS / 1000))).toFixed(0)} CI calls for ${Math.round(served / runs)} page requests (${ratio.toFixed(2)} per window)`,
      target: '≤ 1 CI call per refresh window',
      ratio,
      limit: 1,
      unit: 'calls',
    },
  ];
}
