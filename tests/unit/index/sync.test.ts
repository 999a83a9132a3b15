/**
 * The sync against the real emulator, on each store: after a sync every job the emulator lists is
 * in the index exactly once with its state; state changes arrive within two cycles; a restart in
 * the middle of the backfill loses and duplicates nothing; faults are retried and never leave half
 * a page. Clocks are injected: nothing sleeps for real but the budget's few milliseconds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DEMO_CREDENTIALS, startEmulator, viewAt, type Emulator } from '@/emulator';
import type { Tag } from '@/lib/ci/tags';
import { CiClient } from '@/server/ci/client';
import { emulatorConfig, readCiTiming } from '@/server/ci/config';
import { CallBudget } from '@/server/index/budget';
import type { JobStore } from '@/server/index/store';
import { BucketSync } from '@/server/index/sync';

import { BASE } from '../emulator/harness';
import { resetStore, storeTargets } from './stores';

const TAGS: Tag[] = ['Transcode', 'Snapshot', 'SpeechRecognition', 'PicProcess'];
const POLL_MS = 5000;

describe.each(storeTargets)('sync into $name', { timeout: 120_000 }, (target) => {
  const clock = { now: BASE };
  let emu: Emulator;
  let store: JobStore;

  beforeAll(async () => {
    emu = await startEmulator({ now: () => clock.now, baseTime: BASE, jobCount: 3000 });
    store = await target.open();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await emu.close();
  });
  beforeEach(async () => {
    clock.now = BASE;
    emu.clearFaults();
    emu.clearRequests();
    await resetStore(store);
  });

  function sync(s: JobStore, options: { tags?: Tag[]; ciQps?: number } = {}) {
    const config = emulatorConfig(
      {
        url: emu.url,
        secretId: DEMO_CREDENTIALS.secretId,
        secretKey: DEMO_CREDENTIALS.secretKey,
        bucket: emu.bucket,
        region: emu.region,
      },
      readCiTiming({ CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0', CI_TIMEOUT_MS: '2000' }),
    );
    return new BucketSync({
      store: s,
      bucket: emu.bucket,
      client: new CiClient(config, { now: () => clock.now }),
      settings: { backfillDays: 30, pollMs: POLL_MS, ciQps: options.ciQps ?? 1000, retentionDays: 400 },
      now: () => clock.now,
      sleep: () => Promise.resolve(),
      tags: options.tags ?? TAGS,
      budget: new CallBudget(
        1000,
        () => performance.now(),
        () => clock.now,
      ),
      log: () => undefined,
    });
  }

  /** What the emulator lists at the clock's instant, per tag: id → state. */
  // From where the backfill began (BASE − 30 days): the index keeps what CI's month has since dropped.
  function listed(tags: readonly Tag[] = TAGS): Map<string, string> {
    const out = new Map<string, string>();
    for (const job of emu.dataset.jobs) {
      if (!tags.includes(job.tag)) continue;
      if (job.creationMs < BASE - 30 * 86_400_000) continue;
      const view = viewAt(job, clock.now);
      if (view) out.set(job.jobId, view.state);
    }
    return out;
  }

  async function indexed(s: JobStore): Promise<Map<string, string>> {
    const rows = await s.db
      .selectFrom('jobs')
      .select(['job_id', 'state', 'created_ms'])
      .where('bucket', '=', emu.bucket)
      .execute();
    const out = new Map<string, string>();
    for (const r of rows) {
      expect(out.has(r.job_id)).toBe(false);
      // The backfill asks one second wider than its span (CI's bounds are exclusive): not compared.
      if (r.created_ms >= BASE - 30 * 86_400_000) out.set(r.job_id, r.state);
    }
    return out;
  }

  async function rollupTotals(s: JobStore): Promise<Record<string, number>> {
    const rows = await s.db
      .selectFrom('rollup_hour')
      .select(['state'])
      .select((eb) => eb.fn.sum<number>('jobs').as('n'))
      .where('bucket', '=', emu.bucket)
      .groupBy('state')
      .execute();
    return Object.fromEntries(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.state, Number(r.n)]));
  }

  function countStates(m: Map<string, string>): Record<string, number> {
    const out: Record<string, number> = {};
    for (const s of m.values()) out[s] = (out[s] ?? 0) + 1;
    return out;
  }

  it('stores every listed job exactly once, with its state, and rollups that count them', async () => {
    const s = sync(store);
    await s.cycle({ deadline: Infinity });
    expect(s.status().state).toBe('live');
    const want = listed();
    const have = await indexed(store);
    expect(have.size).toBeGreaterThan(500);
    expect(have).toEqual(want);
    expect(await rollupTotals(store)).toEqual(countStates(want));
  });

  it('picks up new jobs and state changes within two cycles', async () => {
    const s = sync(store);
    await s.cycle({ deadline: Infinity });
    const seen = new Map<string, string>();
    let changed = 0;
    // An hour and a half in steps of three minutes: jobs are created (the emulator's data set goes on
    // past BASE), run and finish; after each step and one more cycle the index equals CI.
    for (let i = 0; i < 30; i++) {
      clock.now += 180_000;
      await s.cycle();
      clock.now += POLL_MS;
      await s.cycle();
      const have = await indexed(store);
      expect(have).toEqual(listed());
      for (const [id, state] of have) {
        const before = seen.get(id);
        if (before !== undefined && before !== state) changed += 1;
        seen.set(id, state);
      }
    }
    expect(changed).toBeGreaterThan(3);
    expect(await rollupTotals(store)).toEqual(countStates(listed()));
  });

  it('refreshes many unfinished jobs in rounds within the cycle’s share of calls, oldest first', async () => {
    // 1 call/s × 5 s: the refresh may take 2 calls a cycle (the budget object itself is fast here).
    const s = sync(store, { ciQps: 1 });
    await s.cycle({ deadline: Infinity });
    const unfinished = [...(await indexed(store)).values()].filter((st) => st === 'Running' || st === 'Submitted');
    expect(unfinished.length).toBeGreaterThan(20);
    clock.now += 4 * 3_600_000; // every job of the data set has long finished at CI
    const refreshCalls = () =>
      emu.requests().filter((r) => r.path.startsWith('/jobs/') || r.query.some(([k]) => k === 'states')).length;
    const perCycle: number[] = [];
    for (let i = 0; i < 12; i++) {
      emu.clearRequests();
      await s.cycle({ deadline: clock.now });
      perCycle.push(refreshCalls());
      clock.now += POLL_MS;
    }
    // A tag's listing may run past the share by its own pages, never by another tag's.
    expect(Math.max(...perCycle)).toBeLessThanOrEqual(4);
    // Round by round, every job that CI has finished is finished in the index.
    const have = await indexed(store);
    expect([...have.values()].filter((st) => st === 'Running' || st === 'Submitted')).toEqual(
      [...listed().values()].filter((st) => st === 'Running' || st === 'Submitted'),
    );
    expect(have).toEqual(listed());
  });

  it('resumes an interrupted backfill without losing or duplicating a job', async () => {
    let calls = 0;
    const first = sync(store);
    // Stop the first run after a handful of pages: the deadline passes as the calls go by.
    const realTake = first.budget.take.bind(first.budget);
    first.budget.take = async () => {
      calls += 1;
      if (calls === 12) throw new Error('process stopped');
      return realTake();
    };
    await expect(first.cycle({ deadline: Infinity })).rejects.toThrow('process stopped');
    const partial = await indexed(store);
    expect(partial.size).toBeGreaterThan(0);
    expect(partial.size).toBeLessThan(listed().size);
    const positions = await store.db.selectFrom('sync_tag').selectAll().execute();
    expect(positions.some((p) => !p.backfill_done)).toBe(true);

    const second = sync(store);
    await second.cycle({ deadline: Infinity });
    expect(await indexed(store)).toEqual(listed());
    expect(await rollupTotals(store)).toEqual(countStates(listed()));
  });

  it.each([
    ['5xx', { errorRate: 0.3, errorStatus: 503 }],
    ['429', { errorRate: 0.3, errorStatus: 429 }],
    ['truncated XML', { truncateRate: 0.3, truncateMode: 'cut' as const }],
    ['a dropped connection', { dropRate: 0.2 }],
  ])('retries through %s and never stores half a page', async (_, faults) => {
    emu.setFaults({ ...faults, pathPrefix: '/jobs', seed: 7 });
    const s = sync(store, { tags: ['Snapshot', 'PicProcess'] });
    await s.cycle({ deadline: Infinity });
    expect(await indexed(store)).toEqual(listed(['Snapshot', 'PicProcess']));
    expect(emu.requests().some((r) => (r.faults?.length ?? 0) > 0)).toBe(true);
  });
});
