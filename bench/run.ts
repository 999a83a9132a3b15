/**
 * `npm run bench`: the performance figures of ci-jobs-dashboard, against a production build and
 * its emulator. Prints one table — each figure a median over repeated runs, each target a ratio
 * taken in the same run — and writes it to bench/RESULTS.md with the date, the machine and the
 * commit. Timings live here, never in `npm test`: these machines are shared and noisy.
 *
 *   npm run bench                 all parts (about 15 minutes on 2 cores; the first P6 run fills its
 *                                 million-job stores, which takes longer — they are kept in bench/out/)
 *   npm run bench -- P1 P3        some parts
 *   BENCH_RUNS=3                  repetitions per figure (default 5)
 *   BENCH_UPDATE=1 npm run bench -- P6 P7 P8
 *                                 some parts, their rows replaced in bench/RESULTS.md
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

import { DEMO_CREDENTIALS } from '../emulator';
import { freePort, startAppProcess } from '../tests/e2e/support/servers';
import { met, type BenchContext, type BenchRow } from './lib';
import { runParseBench } from './p1-parse';
import { runProxyBench } from './p2-proxy';
import { runUpstreamBench } from './p3-upstream';
import { runDeepLinkBench } from './p4d-deep-link';
import { runOverviewBench } from './p6-overview';
import { runSyncBench } from './p7-sync';
import { runViewersBench } from './p8-viewers';
import { runMemoryBench } from './p9-memory';
import { runSdkBench } from './p10-sdk';

const wanted = process.argv
  .slice(2)
  .filter((a) => /^P\d+d?$/i.test(a))
  .map((a) => a.toUpperCase());
const want = (id: string) => wanted.length === 0 || wanted.includes(id);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));

function format(rows: BenchRow[]): string {
  const lines = [
    '| id | what | figures (medians) | target | ratio | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.id} | ${r.what} | ${r.figure} | ${r.target} | ${r.ratio.toFixed(2)}${r.unit === 'calls' ? '' : '×'} | ${met(r) ? 'yes' : '**no**'} |`,
    ),
  ];
  return lines.join('\n');
}

const rows: BenchRow[] = [];
if (['P1', 'P2', 'P3', 'P4', 'P4D', 'P5'].some(want)) {
  const emulatorPort = await freePort();
  const app = await startAppProcess({
    CI_SECRET_ID: '',
    CI_SECRET_KEY: '',
    EMULATOR_PORT: String(emulatorPort),
    // Enough jobs for the browser part to load 10,000 of one tag into the table.
    EMULATOR_JOBS: process.env.EMULATOR_JOBS ?? '60000',
    // One bucket, as in the earlier runs: EMULATOR_JOBS sizes every demo bucket.
    EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
    DASHBOARD_RATE_LIMIT: '0',
    // P2's floor: a constant route of this build (server/api/bench-floor.ts), closed without it.
    BENCH_FLOOR_ROUTE: 'on',
  });
  const ctx: BenchContext = {
    appUrl: app.url,
    emulatorUrl: `http://127.0.0.1:${emulatorPort}`,
    secretId: DEMO_CREDENTIALS.secretId,
    secretKey: DEMO_CREDENTIALS.secretKey,
    runs,
  };
  try {
    if (want('P1')) rows.push(...(await runParseBench(ctx)));
    if (want('P2')) rows.push(...(await runProxyBench(ctx)));
    if (want('P3')) rows.push(...(await runUpstreamBench(ctx)));
    if (want('P4') || want('P4D')) rows.push(...(await runDeepLinkBench(ctx)));
    if (want('P4') || want('P5')) {
      // The browser part (P4, P5) lives in its own module.
      const browserModule = './browser.ts';
      const browser = (await import(browserModule).catch(() => null)) as {
        runBrowserBench?: (c: BenchContext) => Promise<BenchRow[]>;
      } | null;
      if (browser?.runBrowserBench)
        rows.push(...(await browser.runBrowserBench(ctx)).filter((r) => want(r.id.slice(0, 2))));
      else console.warn('bench/browser.ts is missing: P4 and P5 not measured');
    }
  } finally {
    await app.stop();
  }
}
// The job index: its own data and servers (P6 and P7 in this process, P8 a server of its own).
// Each part's rows are printed as they come: a later part failing must not lose them.
const index = async (id: string, run: () => Promise<BenchRow[]>) => {
  if (!want(id)) return;
  try {
    const got = await run();
    for (const r of got) console.log(`${r.id}: ${r.figure} · target ${r.target} · ratio ${r.ratio.toFixed(2)}`);
    rows.push(...got);
  } catch (error) {
    console.error(`${id} failed:`, error);
  }
};
await index('P6', () => runOverviewBench({ runs, only: process.env.BENCH_P6_STORE }));
await index('P7', () => runSyncBench({ runs }));
await index('P8', () => runViewersBench({ runs }));
await index('P9', () => runMemoryBench({ minutes: Number(process.env.BENCH_P9_MINUTES ?? 30) }));
await index('P10', () => runSdkBench({ runs }));

const commit = (() => {
  try {
    return (
      execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim() +
      (execSync('git status --porcelain', { encoding: 'utf8' }).trim() ? ' (with uncommitted changes)' : '')
    );
  } catch {
    return 'unknown';
  }
})();
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'cpu'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const table = format(rows);
const load = `load average ${loadavg()
  .map((l) => l.toFixed(1))
  .join(', ')} at the end`;
console.log(`\n${table}\n`);
console.log(`${rows.filter(met).length} of ${rows.length} targets met · ${machine} · ${load} · commit ${commit}`);

const stamp = `${new Date().toISOString().slice(0, 10)} · ${machine} · ${load} · commit ${commit} · ${runs} runs per figure (medians)`;
const results = new URL('./RESULTS.md', import.meta.url);
const footer =
  'Produced by `npm run bench` (bench/run.ts). Ratios are taken within one run, so machine load touches both sides alike.\n';
if (wanted.length === 0) {
  writeFileSync(results, `# Benchmark results\n\n${stamp}\n\n${table}\n\n${footer}`);
  console.log('written to bench/RESULTS.md');
} else if (process.env.BENCH_UPDATE === '1' && rows.length > 0) {
  // Some parts measured again: their rows replace the old ones, the others stay with their own date.
  const old = existsSync(results) ? readFileSync(results, 'utf8') : '';
  const kept = old.split('\n').filter((l) => /^\| P\d/.test(l) && !rows.some((r) => l.startsWith(`| ${r.id} |`)));
  const id = (l: string) => /^\| (P\d+)([a-z]?) /.exec(l)?.slice(1) ?? ['', ''];
  const lines = [...kept, ...format(rows).split('\n').slice(2)].sort((a, b) => {
    const [pa, sa] = id(a);
    const [pb, sb] = id(b);
    return pa!.localeCompare(pb!, 'en', { numeric: true }) || sa!.localeCompare(sb!);
  });
  const stamps = old
    .split('\n')
    .filter((l) => /^(Other rows: )?\d{4}-\d{2}-\d{2} · /.test(l) || /^P\d[\w, ]*: \d{4}-/.test(l));
  const header = [
    ...stamps
      .filter((l) => !l.startsWith(`${wanted.join(', ')}: `))
      .map((l) => (/^\d{4}/.test(l) ? `Other rows: ${l}` : l)),
    `${wanted.join(', ')}: ${stamp}`,
  ];
  // The hand-written notes under the table (on the targets not met) stay until a full run.
  const notes = /\n(## [\s\S]*?)\n+Produced by /.exec(old)?.[1];
  writeFileSync(
    results,
    `# Benchmark results\n\n${header.join('\n\n')}\n\n${format([]).split('\n').slice(0, 2).join('\n')}\n${lines.join('\n')}\n\n${notes ? `${notes}\n\n` : ''}${footer}`,
  );
  console.log('bench/RESULTS.md updated (BENCH_UPDATE=1)');
}
