/**
 * `npm run bench`: the performance figures of ci-jobs-dashboard, against a production build and
 * its emulator. Prints one table — each figure a median over repeated runs, each target a ratio
 * taken in the same run — and writes it to bench/RESULTS.md with the date, the machine and the
 * commit. Timings live here, never in `npm test`: these machines are shared and noisy.
 *
 *   npm run bench                 all parts (about 5 minutes on 2 cores)
 *   npm run bench -- P1 P3        some parts
 *   BENCH_RUNS=3                  repetitions per figure (default 5)
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

import { DEMO_CREDENTIALS } from '../emulator';
import { freePort, startAppProcess } from '../tests/e2e/support/servers';
import { met, type BenchContext, type BenchRow } from './lib';
import { runParseBench } from './p1-parse';
import { runProxyBench } from './p2-proxy';
import { runUpstreamBench } from './p3-upstream';

const wanted = process.argv
  .slice(2)
  .filter((a) => /^P\d$/i.test(a))
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
console.log(`\n${table}\n`);
console.log(`${rows.filter(met).length} of ${rows.length} targets met · ${machine} · commit ${commit}`);

if (wanted.length === 0) {
  writeFileSync(
    new URL('./RESULTS.md', import.meta.url),
    `# Benchmark results\n\n${new Date().toISOString().slice(0, 10)} · ${machine} · commit ${commit} · ${runs} runs per figure (medians)\n\n${table}\n\n` +
      'Produced by `npm run bench` (bench/run.ts). Ratios are taken within one run, so machine load touches both sides alike.\n',
  );
  console.log('written to bench/RESULTS.md');
}
