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
 * starts with its backfill nearly done (one minute back) and the lag is sampled every second for a
 * minute, two ways: as /api/health reports it (the start of the oldest last follow among the busy
 * tags), and as CI sees it (the oldest job CI lists that the index does not hold yet); target ≤ 2
 * poll windows for both. 25 busy tags need 25 follow calls a window: the whole budget (5 calls/s ×
 * 5 s), so each refresh call lengthens the cycle by 0.2 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { lowerBound, startEmulator, type Emulator } from '../emulator';
import { openStore, type JobStore } from '../server/index/store';
import { BucketSync } from '../server/index/sync';
import { emulatorCiClient } from '../tests/support/emulator-client';
import { percentile, type BenchRow } from './lib';

const POLL_MS = 5000;
const QPS = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function client(emu: Emulator, now: () => number) {
  return emulatorCiClient(emu, { CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0' }, { now });
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

/**
 * The CI calls the emulator logged, by what the sync made them for (their parameters say it): a
 * backfill listing has an end bound (as has a refresh's re-reading of a span), a follow none, a
 * refresh listing asks for states.
 */
function callsByKind(emu: Emulator) {
  const kinds = new Map<string, number>();
  for (const r of emu.requests()) {
    const has = (name: string) => r.query.some(([k]) => k === name);
    const kind = /^\/(pic_)?jobs$/.test(r.path)
      ? has('states')
        ? 'refresh listing'
        : has('endCreationTime')
          ? 'backfill or span re-read'
          : 'follow'
      : /^\/(pic_)?jobs\//.test(r.path)
        ? 'by ID'
        : 'other';
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
      emu.clearRequests();
      const t0 = Date.now();
      await sleep(seconds * 1000);
      const n1 = await stored(store);
      const t1 = Date.now();
      // The calls of the measured span (the emulator's clock is held still: its log is cleared instead).
      const calls = callsByKind(emu);
      await sync.stop();
      return { jobsPerSec: (n1 - n0) / ((t1 - t0) / 1000), calls };
    });
  } finally {
    await emu.close();
  }
}

/**
 * The lag as CI sees it: at `t`, how old the oldest job is that CI lists (created since `from`, where
 * the index's span begins) and the index does not hold yet; 0 when it holds them all. `held` keeps,
 * per tag, how far its list is known to be stored (a stored job stays), so each sample asks the
 * store only about the jobs after that: the sampling shares the sync's process and its embedded
 * store, and reading every stored ID each second would slow the very sync it measures.
 */
async function missingFor(
  emu: Emulator,
  store: JobStore,
  t: number,
  from: number,
  held: Map<string, number>,
): Promise<number> {
  const pending: { tag: string; at: number; jobs: { jobId: string; creationMs: number }[] }[] = [];
  for (const [tag, list] of emu.dataset.byTag) {
    // Where the last sample stopped, else the first job of the window (a list ascends by creation time).
    const at = held.get(tag) ?? lowerBound(list, from);
    const jobs: { jobId: string; creationMs: number }[] = [];
    for (let i = at; i < list.length; i++) {
      const job = list.at(i)!;
      if (job.creationMs > t) break;
      jobs.push(job);
    }
    pending.push({ tag, at, jobs });
  }
  const ids = pending.flatMap((p) => p.jobs.map((j) => j.jobId));
  const stored = new Set(
    ids.length === 0
      ? []
      : (
          await store.db
            .selectFrom('jobs')
            .select('job_id')
            .where('bucket', '=', emu.bucket)
            .where('job_id', 'in', ids)
            .execute()
        ).map((r) => r.job_id),
  );
  let oldest = t;
  for (const p of pending) {
    let k = 0;
    while (k < p.jobs.length && stored.has(p.jobs[k]!.jobId)) k++;
    held.set(p.tag, p.at + k);
    if (k < p.jobs.length) oldest = Math.min(oldest, p.jobs[k]!.creationMs);
  }
  return t - oldest;
}

async function lagAt50PerSecond(seconds: number): Promise<{
  lags: number[];
  missing: number[];
  calls: Map<string, number>;
  total: number;
  liveAfter: number;
  spanMs: number;
}> {
  const base = Date.now();
  const emu = await startEmulator({ baseTime: base, steady: { jobsPerHour: 180_000, days: 1 } });
  const backfillMs = 60_000;
  try {
    return await withStore(async (store) => {
      const sync = new BucketSync({
        store,
        bucket: emu.bucket,
        client: client(emu, Date.now),
        // A minute back: the backfill ends in the first cycles, then the sync follows 50 jobs/s.
        settings: { backfillDays: backfillMs / 86_400_000, pollMs: POLL_MS, ciQps: QPS, retentionDays: 400 },
        log: () => undefined,
      });
      // Where the index's span begins (a second in: CI's bounds are whole seconds).
      const from = Date.now() - backfillMs + 1000;
      sync.start();
      // Sampled once live: the backfill's minute gets what the follow of 25 busy tags leaves of the
      // budget, so it ends after a minute or so, not in the first cycles.
      const began = Date.now();
      await sleep(2 * POLL_MS);
      while (sync.status().state === 'backfilling' && Date.now() - began < 240_000) await sleep(1000);
      const liveAfter = Date.now() - began;
      emu.clearRequests();
      const lags: number[] = [];
      const missing: number[] = [];
      const held = new Map<string, number>();
      // The samples take a second each and what the store takes to answer: the calls are per the span's real length.
      const spanStart = Date.now();
      for (let i = 0; i < seconds; i++) {
        await sleep(1000);
        const t = Date.now();
        const { freshAt } = sync.status();
        lags.push(freshAt === null ? Infinity : t - freshAt);
        missing.push(await missingFor(emu, store, t, from, held));
      }
      const calls = callsByKind(emu);
      const total = emu.requests().length;
      const spanMs = Date.now() - spanStart;
      await sync.stop();
      return { lags, missing, calls, total, liveAfter, spanMs };
    });
  } finally {
    await emu.close();
  }
}

export async function runSyncBench({ runs }: { runs: number }): Promise<BenchRow[]> {
  const seconds = runs >= 3 ? 60 : 30;
  const budget = QPS * 100;
  const a = await backfillSpeed(seconds);
  const kinds = (m: Map<string, number>) => [...m].map(([k, n]) => `${n} ${k}`).join(', ');
  const callsA = [...a.calls.values()].reduce((x, y) => x + y, 0);
  const b = await lagAt50PerSecond(seconds);
  const p95 = percentile(b.lags, 95);
  const max = Math.max(...b.lags);
  const missingP95 = percentile(b.missing, 95);
  const missingMax = Math.max(...b.missing);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return [
    {
      id: 'P7a',
      what: `backfill speed at INDEX_CI_QPS ${QPS} (emulator: 20,000 jobs/h over 2 days, embedded store), over ${seconds} s`,
      figure: `${Math.round(a.jobsPerSec)} jobs/s of ${budget} the budget allows (${Math.round((a.jobsPerSec / budget) * 100)} %); CI calls of those ${seconds} s: ${callsA} (${(callsA / seconds).toFixed(2)}/s): ${kinds(a.calls)}`,
      target: `≥ 90 % of ${budget} jobs/s (ratio ≤ 1.11)`,
      ratio: budget / a.jobsPerSec,
      limit: 1 / 0.9,
    },
    {
      id: 'P7b',
      what: `lag while the emulator creates 50 jobs/s (poll ${POLL_MS / 1000} s, INDEX_CI_QPS ${QPS}), sampled each second for ${seconds} s once live (its minute of backfill done ${s(b.liveAfter)} s after start)`,
      figure: `reported lag (health) p95 ${s(p95)} s, max ${s(max)} s · oldest job CI lists that the index lacks: p95 ${s(missingP95)} s, max ${s(missingMax)} s · ${b.total} CI calls in ${s(b.spanMs)} s (${(b.total / (b.spanMs / 1000)).toFixed(1)}/s): ${kinds(b.calls)}`,
      target: `≤ 2 poll windows (${(2 * POLL_MS) / 1000} s), both measures`,
      ratio: Math.max(max, missingMax) / (2 * POLL_MS),
      limit: 1,
    },
  ];
}
