/**
 * P4/P5 alone, without the full harness: starts the production build (`npx next build` first) on
 * its embedded emulator with 60,000 jobs and no rate limit, runs bench/browser.ts, prints the rows.
 *
 *   npx tsx bench/browser-only.ts [runs]
 */
import { startAppProcess } from '../tests/e2e/support/servers';
import { runBrowserBench } from './browser';
import { met } from './lib';

const runs = Number(process.argv[2] ?? process.env.BENCH_RUNS ?? 5);
const app = await startAppProcess({
  EMULATOR_JOBS: '60000',
  EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
  DASHBOARD_RATE_LIMIT: process.env.DASHBOARD_RATE_LIMIT ?? '0',
  CI_SECRET_ID: '',
  CI_SECRET_KEY: '',
});
try {
  const rows = await runBrowserBench({ appUrl: app.url, emulatorUrl: '', secretId: '', secretKey: '', runs });
  for (const r of rows)
    console.log(
      `${r.id.padEnd(4)} ${r.what}\n     ${r.figure} · target ${r.target} · ratio ${r.ratio.toFixed(2)} (limit ${r.limit}) ${met(r) ? 'MET' : 'NOT MET'}`,
    );
} finally {
  await app.stop();
}
