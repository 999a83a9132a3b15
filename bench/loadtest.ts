/**
 * `npm run loadtest`: 50 connections for 30 s on /api/jobs against the production build on the
 * emulator (autocannon). Prints throughput, latency, errors, and the server's memory (RSS of the
 * app process, from /proc) before and after, with the ratio. Targets: zero errors, memory after
 * within 10 % of before. A script, not a test: these machines are shared and noisy.
 *
 *   npm run loadtest [-- --seconds 30 --connections 50]
 */
import { readFileSync } from 'node:fs';

import autocannon from 'autocannon';

import { startAppProcess } from '../tests/e2e/support/servers';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 30);
const CONNECTIONS = arg('connections', 50);

/** Resident memory of a process and its children (next start runs as a child of start.mjs). */
function rssMb(rootPid: number): number {
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const children = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    } catch {
      // process gone
    }
  }
  let kb = 0;
  for (const pid of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // process gone
    }
  }
  return kb / 1024;
}

const run = (url: string, seconds: number) =>
  autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    // Several views, as operators would have them open; the cache shares each one.
    requests: [
      { path: '/api/jobs?tag=Transcode&size=100' },
      { path: '/api/jobs?tag=Transcode&states=Running&size=50' },
      { path: '/api/jobs?tag=Snapshot&size=20' },
      { path: '/api/jobs?tag=SpeechRecognition&states=Failed&size=10' },
    ],
  });

const app = await startAppProcess({ CI_SECRET_ID: '', CI_SECRET_KEY: '', DASHBOARD_RATE_LIMIT: '0' });
try {
  const pid = app.pid;
  // Warm up (JIT, caches, the emulator's per-job XML), then let the heap settle.
  await run(app.url, Math.min(SECONDS, 15));
  await new Promise((r) => setTimeout(r, 3000));
  const before = rssMb(pid);
  const result = await run(app.url, SECONDS);
  await new Promise((r) => setTimeout(r, 3000));
  const after = rssMb(pid);
  const errors = result.errors + result.timeouts + result.non2xx;
  console.log(`Load: ${CONNECTIONS} connections for ${SECONDS} s on /api/jobs (production build, emulator)`);
  console.log(`  requests:   ${result.requests.total} (${result.requests.average.toFixed(0)}/s average)`);
  console.log(`  latency:    p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`);
  console.log(
    `  errors:     ${errors} (errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx})  target 0: ${errors === 0 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  memory RSS: before ${before.toFixed(1)} MB, after ${after.toFixed(1)} MB, ratio ${(after / before).toFixed(3)}×  target ≤ 1.10×: ${after / before <= 1.1 ? 'met' : 'NOT met'}`,
  );
} finally {
  await app.stop();
}
