/**
 * P8: CI calls per hour with 1 and with 100 overview viewers — equal, because the overview reads
 * the job index and only the sync asks CI. A production server of its own, with the index on (the
 * embedded store in a temporary directory) over a demo bucket of 5,000 jobs, is left to go live;
 * then for a minute one viewer, and for the next minute a hundred, poll /api/overview (30 days, all
 * tags) every 5 s. The emulator's request log counts the CI calls of each minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatCiTime } from '../lib/ci/params';
import { freePort, startAppProcess } from '../tests/e2e/support/servers';
import type { BenchRow } from './lib';

const INTERVAL_MS = 5000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function viewer(url: string, until: number): Promise<number> {
  await sleep(Math.random() * INTERVAL_MS);
  let served = 0;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      const body = (await res.json()) as { source?: string };
      if (res.ok && body.source === 'index') served++;
    } catch {
      // A refused or reset connection on a loaded machine: counted as not served.
    }
    await sleep(INTERVAL_MS);
  }
  return served;
}

async function ciCalls(emulatorUrl: string, from: number, to: number): Promise<number> {
  const log = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as
    { requests?: { path: string; time: string }[] } | { path: string; time: string }[];
  const records = Array.isArray(log) ? log : (log.requests ?? []);
  return records.filter((r) => {
    const at = Date.parse(r.time);
    return r.path.startsWith('/jobs') && at >= from && at < to;
  }).length;
}

export async function runViewersBench({ runs }: { runs: number }): Promise<BenchRow[]> {
  const seconds = runs >= 3 ? 60 : 30;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-p8-'));
  const emulatorPort = await freePort();
  const app = await startAppProcess({
    INDEX: 'on',
    INDEX_POLL_MS: String(INTERVAL_MS),
    INDEX_CI_QPS: '5',
    DASHBOARD_DATA_DIR: dir,
    EMULATOR_JOBS: '5000',
    EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
    EMULATOR_PORT: String(emulatorPort),
    CI_SECRET_ID: '',
    CI_SECRET_KEY: '',
    CI_BUCKETS: '',
    DASHBOARD_AUTH: 'none',
    DASHBOARD_RATE_LIMIT: '0',
  });
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  try {
    const deadline = Date.now() + 600_000;
    for (;;) {
      const health = (await fetch(`${app.url}/api/health`)
        .then((r) => r.json())
        .catch(() => ({}))) as { index?: { state?: string } };
      if (health.index?.state === 'live') break;
      if (Date.now() > deadline) throw new Error('P8: the index did not go live in 10 minutes');
      await sleep(2000);
    }
    const now = Date.now();
    const view = `${app.url}/api/overview?tag=all&startCreationTime=${encodeURIComponent(formatCiTime(now - 30 * 86_400_000, 480))}&endCreationTime=${encodeURIComponent(formatCiTime(now, 480))}`;
    const phase = async (viewers: number) => {
      const from = Date.now();
      const until = from + seconds * 1000;
      const served = await Promise.all(Array.from({ length: viewers }, () => viewer(view, until)));
      await sleep(Math.max(0, until - Date.now()));
      return { calls: await ciCalls(emulatorUrl, from, until), served: served.reduce((a, b) => a + b, 0) };
    };
    const one = await phase(1);
    const hundred = await phase(100);
    if (one.served === 0 || hundred.served === 0) throw new Error('P8: the overview did not answer from the index');
    const perHour = (n: number) => Math.round((n * 3600) / seconds);
    return [
      {
        id: 'P8',
        what: `CI calls per hour with 1 and with 100 overview viewers (30 days, all tags, every 5 s), ${seconds} s each, index live`,
        figure: `1 viewer: ${perHour(one.calls)}/h (${one.calls} calls, ${one.served} overviews) · 100 viewers: ${perHour(hundred.calls)}/h (${hundred.calls} calls, ${hundred.served} overviews)`,
        target: 'equal (ratio ≤ 1.10: the sync’s own schedule varies)',
        ratio: hundred.calls / Math.max(1, one.calls),
        limit: 1.1,
      },
    ];
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
