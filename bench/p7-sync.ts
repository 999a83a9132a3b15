/**
 * P7: the sync, in this process (server/index/sync.ts with its real budget, client and embedded
 * store in a temporary directory), against the emulator.
 *
 * P7a backfill speed: a steady-rate data set of 20,000 jobs an hour over 2 days, the emulator's
 * clock held still (no new jobs: what is measured is the backfill, not the follow), INDEX_CI_QPS 5.
 * Jobs stored per second over a minute, after 10 s of start-up, against what the budget allows:
 * 5 calls/s × 100 jobs. The CI calls of that minute are counted by kind from the emulator's log,
 * so the figure says where the budget went.
 *
 * P7b lag while the emulator creates 50 jobs/s (180,000 an hour, its clock running): the sync
 * starts with its backfill nearly done (one minute back) and the lag — how old the index's last
 * complete follow-and-refresh is — is sampled every second for a minute; target ≤ 2 poll windows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../emulator';
import { CiClient } from '../server/ci/client';
import { emulatorConfig, readCiTiming } from '../server/ci/config';
import { openStore, type JobStore } from '../server/index/store';
import { BucketSync } from '../server/index/sync';
import { percentile, type BenchRow } from './lib';

const POLL_MS = 5000;
const QPS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function client(emu: Emulator, now: () => number) {
  return new CiClient(
    emulatorConfig(
      {
        url: emu.url,
        secretId: DEMO_CREDENTIALS.secretId,
        secretKey: DEMO_CREDENTIALS.secretKey,
        bucket: emu.bucket,
        region: emu.region,
      },
      readCiTiming({ CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0' }),
    ),
    { now },
  );
}

async function withStore<T>(run: (store: JobStore) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-p7-'));
  const store = await openStore({ databaseUrl: null, pgliteDir: path.join(dir, 'pglite') });
  try {
    return await run(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const stored = async (store: JobStore) =>
  Number(
    (
      await store.db
        .selectFrom('rollup_day')
        .select((eb) => eb.fn.sum<number>('jobs').as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

/** The CI calls of a span by kind: backfill and follow listings are one kind to the emulator (GET /jobs). */
function callsByKind(emu: Emulator, from: number, to: number) {
  const kinds = new Map<string, number>();
  for (const r of emu.requests()) {
    const at = Date.parse(r.time);
    if (at < from || at >= to) continue;
    const kind = /^\/(pic_)?jobs$/.test(r.path) ? 'list' : /^\/(pic_)?jobs\//.test(r.path) ? 'by ID' : r.path;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return kinds;
}

async function backfillSpeed(seconds: number): Promise<{ jobsPerSec: number; calls: Map<string, number> }> {
  const base = Date.now();
  const emu = await startEmulator({ now: () => base, baseTime: base, steady: { jobsPerHour: 20_000, days: 2 } });
  try {
    return await withStore(async (store) => {
      const sync = new BucketSync({
        store,
        bucket: emu.bucket,
        client: client(emu, () => base),
        settings: { backfillDays: 2, pollMs: POLL_MS, ciQps: QPS, retentionDays: 400 },
        now: () => base + (Date.now() - start),
        log: () => undefined,
      });
      const start = Date.now();
      sync.start();
      await sleep(10_000);
      const n0 = await stored(store);
      const t0 = Date.now();
      await sleep(seconds * 1000);
      const n1 = await stored(store);
      const t1 = Date.now();
      await sync.stop();
      // The emulator's log is in its clock (held at base): map the span onto it.
      return {
        jobsPerSec: (n1 - n0) / ((t1 - t0) / 1000),
        calls: callsByKind(emu, base - 1, base + 1),
      };
    });
  } finally {
    await emu.close();
  }
}

async function lagAt50PerSecond(seconds: number): Promise<{ lags: number[]; calls: number }> {
  const base = Date.now();
  const emu = await startEmulator({ baseTime: base, steady: { jobsPerHour: 180_000, days: 1 } });
  try {
    return await withStore(async (store) => {
      const sync = new BucketSync({
        store,
        bucket: emu.bucket,
        client: client(emu, Date.now),
        // A minute back: the backfill ends in the first cycles, then the sync follows 50 jobs/s.
        settings: { backfillDays: 60_000 / 86_400_000, pollMs: POLL_MS, ciQps: QPS, retentionDays: 400 },
        log: () => undefined,
      });
      sync.start();
      await sleep(2 * POLL_MS);
      emu.clearRequests();
      const lags: number[] = [];
      for (let i = 0; i < seconds; i++) {
        await sleep(1000);
        const { freshAt } = sync.status();
        lags.push(freshAt === null ? Infinity : Date.now() - freshAt);
      }
      const calls = emu.requests().length;
      await sync.stop();
      return { lags, calls };
    });
  } finally {
    await emu.close();
  }
}

export async function runSyncBench({ runs }: { runs: number }): Promise<BenchRow[]> {
  const seconds = runs >= 3 ? 60 : 30;
  const budget = QPS * 100;
  const a = await backfillSpeed(seconds);
  const calls = [...a.calls].map(([k, n]) => `${n} ${k}`).join(', ');
  const b = await lagAt50PerSecond(seconds);
  const p95 = percentile(b.lags, 95);
  const max = Math.max(...b.lags);
  return [
    {
      id: 'P7a',
      what: `backfill speed at INDEX_CI_QPS ${QPS} (emulator: 20,000 jobs/h over 2 days, embedded store), over ${seconds} s`,
      figure: `${Math.round(a.jobsPerSec)} jobs/s of ${budget} the budget allows (${Math.round((a.jobsPerSec / budget) * 100)} %); CI calls of the whole run: ${calls}`,
      target: `≥ 90 % of ${budget} jobs/s (ratio ≤ 1.11)`,
      ratio: budget / a.jobsPerSec,
      limit: 1 / 0.9,
    },
    {
      id: 'P7b',
      what: `lag while the emulator creates 50 jobs/s (poll ${POLL_MS / 1000} s, INDEX_CI_QPS ${QPS}), sampled each second for ${seconds} s`,
      figure: `p95 ${(p95 / 1000).toFixed(1)} s, max ${(max / 1000).toFixed(1)} s; ${b.calls} CI calls (${(b.calls / seconds).toFixed(1)}/s)`,
      target: `≤ 2 poll windows (${(2 * POLL_MS) / 1000} s)`,
      ratio: max / (2 * POLL_MS),
      limit: 1,
    },
  ];
}
