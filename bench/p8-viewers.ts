/**
 * P8: CI calls per hour with 1 and with 100 overview viewers — equal, because the overview reads
 * the job index and only the sync asks CI. A production server of its own, with the index on (the
 * embedded store in a temporary directory) over a demo bucket of 5,000 jobs, is left to go live and
 * then to settle (the quiet tags' follows back off to once a minute after the backfill: a steady
 * state); then one viewer and a hundred poll /api/overview (30 days, all tags) every 5 s, in spans
 * ordered 1, 100, 100, 1 so a drift of the sync's own rate weighs on both alike. The emulator's request log counts each span's CI calls by who made them (the
 * User-Agent: the index sync, or the request path — which must make none).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatCiTime } from '../lib/ci/params';
import { SYNC_USER_AGENT } from '../server/ci/client';
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

interface Logged {
  path: string;
  time: string;
  userAgent?: string;
}

/** A span's CI calls (not the emulator's control routes), the sync's and the request path's. */
async function ciCalls(emulatorUrl: string, from: number, to: number): Promise<{ sync: number; requests: number }> {
  const log = (await (await fetch(`${emulatorUrl}/__emulator/requests`)).json()) as { requests?: Logged[] } | Logged[];
  const records = (Array.isArray(log) ? log : (log.requests ?? [])).filter((r) => {
    const at = Date.parse(r.time);
    return !r.path.startsWith('/__emulator') && at >= from && at < to;
  });
  const sync = records.filter((r) => r.userAgent === SYNC_USER_AGENT).length;
  return { sync, requests: records.length - sync };
}

/** After going live, until the quiet tags' follows have backed off to once a minute (10, 20, 40, 60 s). */
const SETTLE_MS = 150_000;

export async function runViewersBench({ runs }: { runs: number }): Promise<BenchRow[]> {
  const seconds = runs >= 3 ? 120 : 60;
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
    await sleep(SETTLE_MS);
    const now = Date.now();
    const view = `${app.url}/api/overview?tag=all&startCreationTime=${encodeURIComponent(formatCiTime(now - 30 * 86_400_000, 480))}&endCreationTime=${encodeURIComponent(formatCiTime(now, 480))}`;
    const phase = async (viewers: number) => {
      const from = Date.now();
      const until = from + (seconds / 2) * 1000;
      const served = await Promise.all(Array.from({ length: viewers }, () => viewer(view, until)));
      await sleep(Math.max(0, until - Date.now()));
      return { ...(await ciCalls(emulatorUrl, from, until)), served: served.reduce((a, b) => a + b, 0) };
    };
    // In the order 1, 100, 100, 1 (each half the span): the sync's own drift — its call rate still
    // settling — weighs on both sides alike.
    const add = (a: Awaited<ReturnType<typeof phase>>, b: Awaited<ReturnType<typeof phase>>) => ({
      sync: a.sync + b.sync,
      requests: a.requests + b.requests,
      served: a.served + b.served,
    });
    const one1 = await phase(1);
    const hundred1 = await phase(100);
    const hundred = add(hundred1, await phase(100));
    const one = add(one1, await phase(1));
    if (one.served === 0 || hundred.served === 0) throw new Error('P8: the overview did not answer from the index');
    const perHour = (n: number) => Math.round((n * 3600) / seconds);
    const total = (p: { sync: number; requests: number }) => p.sync + p.requests;
    const said = (p: typeof one) =>
      `${perHour(total(p))}/h (${p.sync} by the sync, ${p.requests} by requests; ${p.served} overviews)`;
    // Equal: the request path asks CI nothing in either span, and the totals (the sync's alone) are
    // within 10 % of each other, whichever is larger.
    const ratio =
      one.requests > 0 || hundred.requests > 0
        ? Infinity
        : Math.max(total(hundred), total(one)) / Math.max(1, Math.min(total(hundred), total(one)));
    return [
      {
        id: 'P8',
        what: `CI calls per hour with 1 and with 100 overview viewers (30 days, all tags, every 5 s), ${seconds} s each in halves ordered 1, 100, 100, 1, index live and settled (${SETTLE_MS / 1000} s after live)`,
        figure: `1 viewer: ${said(one)} · 100 viewers: ${said(hundred)}`,
        target:
          'equal: 0 calls by requests, totals within 10 % (larger ÷ smaller ≤ 1.10; the sync’s own schedule varies)',
        ratio,
        limit: 1.1,
      },
    ];
  } finally {
    await app.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
