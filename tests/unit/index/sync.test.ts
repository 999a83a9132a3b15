/**
 * The sync against the real emulator, on each store: after a sync every job the emulator lists is
 * in the index exactly once with its state; state changes arrive within two cycles; a restart in
 * the middle of the backfill loses and duplicates nothing; faults are retried and never leave half
 * a page. Clocks are injected: nothing sleeps for real but the budget's few milliseconds.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from 'vitest';

import { lowerBound, startEmulator, viewAt, type Emulator } from '@/emulator';
import { TAG_CODES, type Tag } from '@/lib/ci/tags';
import { CiClient } from '@/server/ci/client';
import { CallBudget } from '@/server/index/budget';
import { getIndexedJob } from '@/server/index/queries';
import type { JobStore } from '@/server/index/store';
import { BucketSync } from '@/server/index/sync';

import { emulatorCiClient, emulatorCiConfig } from '../../support/emulator-client';
import { BASE } from '../emulator/harness';
import { resetStore, storeTargets } from './stores';

const TAGS: Tag[] = ['Transcode', 'Snapshot', 'SpeechRecognition', 'PicProcess'];
const POLL_MS = 5000;

/** The jobs of the emulator's data set created in [from, to], every tag (each tag's list ascends by creation time). */
function* jobsBetween(emu: Emulator, from: number, to: number) {
  for (const list of emu.dataset.byTag.values()) {
    for (let i = lowerBound(list, from); i < list.length && list.at(i)!.creationMs <= to; i++) yield list.at(i)!;
  }
}

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

  function sync(
    s: JobStore,
    options: { tags?: readonly Tag[]; ciQps?: number; emulator?: Emulator; backfillDays?: number } = {},
  ) {
    const ci = options.emulator ?? emu;
    const config = emulatorCiConfig(ci, { CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0', CI_TIMEOUT_MS: '2000' });
    return new BucketSync({
      store: s,
      bucket: ci.bucket,
      client: new CiClient(config, { now: () => clock.now }),
      settings: {
        backfillDays: options.backfillDays ?? 30,
        pollMs: POLL_MS,
        ciQps: options.ciQps ?? 1000,
        retentionDays: 400,
      },
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

  it("keeps each job read by ID with its own element of CI's answer, as a live lookup shows it", async () => {
    const s = sync(store, { tags: ['Transcode', 'PicProcess'] });
    await s.cycle({ deadline: Infinity });
    const idsOf = async (tag: Tag, n: number) =>
      (
        await store.db
          .selectFrom('jobs')
          .select('job_id')
          .where('bucket', '=', emu.bucket)
          .where('tag', '=', tag)
          .limit(n)
          .execute()
      ).map((r) => r.job_id);
    // Across a call's ten and both paths (/jobs and /pic_jobs).
    const chosen = [...(await idsOf('Transcode', 12)), ...(await idsOf('PicProcess', 3))];
    expect(chosen.length).toBe(15);
    await s.lookUpNow(chosen);
    const client = emulatorCiClient(emu, { CI_CACHE_TTL_MS: '0' }, { now: () => clock.now });
    for (const id of chosen) {
      const kept = await getIndexedJob(store.db, emu.bucket, id);
      const live = await client.getJob(id);
      expect(kept?.xml).toMatch(new RegExp(`^<JobsDetail>.*<JobId>${id}</JobId>.*</JobsDetail>$`, 's'));
      expect(live!.xml).toContain(kept!.xml);
      expect(kept?.detail).toEqual(live!.job);
    }
  });

  it('while backfilling, follows a busy tag every window, a quiet one every five minutes, and refreshes within a tenth', async () => {
    // INDEX_CI_QPS 5 for the schedule (the budget object itself is fast here); the backfill never
    // gets a turn (each cycle's deadline is its start), so the sync stays in its backfill. A steady
    // 2 jobs/s: Transcode has new jobs nearly every window, the rarer tags now and then.
    const steady = await startEmulator({
      now: () => clock.now,
      baseTime: BASE,
      steady: { jobsPerHour: 7200, days: 1 },
    });
    onTestFinished(() => steady.close());
    const ci = steady;
    const s = sync(store, { ciQps: 5, emulator: steady });
    const isFollow = (r: { path: string; query: [string, string][] }) =>
      /^\/(pic_)?jobs$/.test(r.path) && !r.query.some(([k]) => k === 'endCreationTime' || k === 'states');
    const followMs = async () =>
      new Map(
        (await store.db.selectFrom('sync_tag').select(['tag', 'follow_ms']).execute()).map((r) => [r.tag, r.follow_ms]),
      );
    let before = await followMs();
    /** Per tag: when it was last followed, and whether that follow found something new. */
    const last = new Map<string, { at: number; found: boolean }>();
    let busyWindows = 0;
    let quietWaits = 0;
    let refreshTotal = 0;
    const refreshedAt = new Map<string, number>();
    for (let i = 0; i < 70; i++) {
      ci.clearRequests();
      await s.cycle({ deadline: clock.now });
      expect(s.status().state).toBe('backfilling');
      const requests = ci.requests();
      const followedNow = new Set(requests.filter(isFollow).map((r) => r.query.find(([k]) => k === 'tag')![1]));
      const after = await followMs();
      for (const tag of TAGS) {
        const prev = last.get(tag);
        if (prev?.found) {
          // A follow that found new jobs is followed by one at the next window: never skipped.
          expect(followedNow.has(tag), `${tag} at cycle ${i}`).toBe(true);
          busyWindows += 1;
        } else if (prev && clock.now - prev.at < 300_000) {
          expect(followedNow.has(tag), `${tag} at cycle ${i}`).toBe(false);
          quietWaits += 1;
        }
        if (followedNow.has(tag)) last.set(tag, { at: clock.now, found: after.get(tag)! > before.get(tag)! });
      }
      before = after;
      // The refresh: a tenth of 25 calls a window (a tag's own pages may run past it), each tag's
      // listing of its Submitted/Running jobs at most once a minute.
      const refreshCalls = requests.filter(
        (r) => /^\/(pic_)?jobs\//.test(r.path) || r.query.some(([k]) => k === 'states'),
      );
      expect(refreshCalls.length, `cycle ${i}`).toBeLessThanOrEqual(4);
      refreshTotal += refreshCalls.length;
      for (const r of refreshCalls) {
        const tag = r.query.find(([k]) => k === 'tag')?.[1];
        if (!tag || r.query.find(([k]) => k === 'nextToken')?.[1]) continue; // a listing's later page
        expect(clock.now - (refreshedAt.get(tag) ?? -Infinity), `${tag} at cycle ${i}`).toBeGreaterThanOrEqual(60_000);
        refreshedAt.set(tag, clock.now);
      }
      clock.now += POLL_MS;
    }
    expect(refreshTotal).toBeGreaterThan(0);
    expect(refreshTotal).toBeLessThanOrEqual(0.1 * 25 * 70);
    expect(busyWindows).toBeGreaterThan(5);
    expect(quietWaits).toBeGreaterThan(50);
    // Every quiet tag was followed again once its five minutes had passed.
    for (const tag of TAGS) expect(last.get(tag)!.at).toBeGreaterThan(BASE);
  });

  it('reports as fresh the oldest last follow of a busy tag: a lag of one cycle, not two', async () => {
    // CI's clock moves 200 ms a call (5 calls/s); cycles run back to back, so a cycle's length is its calls.
    const steady = await startEmulator({
      now: () => clock.now,
      baseTime: BASE,
      steady: { jobsPerHour: 7200, days: 1 },
    });
    onTestFinished(() => steady.close());
    const s = sync(store, { ciQps: 5, emulator: steady, tags: ['Transcode', 'Snapshot', 'Animation'] });
    const take = s.budget.take.bind(s.budget);
    let started = clock.now;
    let previous = Infinity;
    let worst = 0;
    s.budget.take = async () => {
      await take();
      clock.now += 200;
      const { freshAt } = s.status();
      if (freshAt !== null && previous !== Infinity) {
        // Never more than one cycle (the last one, or this one so far) behind, and the call in flight;
        // the start of the last whole cycle would be both behind.
        expect(clock.now - freshAt).toBeLessThanOrEqual(Math.max(previous, clock.now - started) + 200);
        worst = Math.max(worst, clock.now - freshAt);
      }
    };
    // Cycles of a short backfill each (2 s of calls): written pages are what takes a test's time.
    for (let i = 0; i < 8; i++) {
      started = clock.now;
      await s.cycle({ deadline: clock.now + 2000 });
      previous = clock.now - started;
    }
    expect(previous).toBeGreaterThan(1000);
    expect(worst).toBeGreaterThan(previous / 2);
  });

  it('once live, lists a job of a rarely used tag within two windows among 25 tags, and reports a lag no less than CI shows', async () => {
    // 2 jobs/s over all 25 tags: Transcode and Snapshot have new jobs every window, the rarest tags
    // one every minute or so. Cycles run at the poll's pace on the test's clock.
    const steady = await startEmulator({
      now: () => clock.now,
      baseTime: BASE,
      steady: { jobsPerHour: 7200, days: 1 },
    });
    onTestFinished(() => steady.close());
    const backfillMs = 60_000;
    const s = sync(store, { ciQps: 5, emulator: steady, tags: TAG_CODES, backfillDays: backfillMs / 86_400_000 });
    for (let i = 0; i < 5 && s.status().state !== 'live'; i++) {
      await s.cycle();
      clock.now += POLL_MS;
    }
    expect(s.status().state).toBe('live');
    // CI's bounds are whole seconds: the index's span begins a second after the backfill's start.
    const from = BASE - backfillMs + 1000;
    /** The oldest job CI lists now that the index does not hold, or null. */
    const oldestMissing = async (): Promise<{ tag: string; creationMs: number } | null> => {
      const held = new Set(
        (
          await store.db
            .selectFrom('jobs')
            .select('job_id')
            .where('created_ms', '>=', from - 1000)
            .execute()
        ).map((r) => r.job_id),
      );
      let oldest: { tag: string; creationMs: number } | null = null;
      for (const job of jobsBetween(steady, from, clock.now)) {
        if (!held.has(job.jobId) && (oldest === null || job.creationMs < oldest.creationMs)) oldest = job;
      }
      return oldest;
    };
    const isFollow = (r: { path: string; query: [string, string][] }) =>
      /^\/(pic_)?jobs$/.test(r.path) && !r.query.some(([k]) => k === 'endCreationTime' || k === 'states');
    steady.clearRequests();
    const cycles = 24;
    let rareSeen = 0;
    for (let i = 0; i < cycles; i++) {
      const missing = await oldestMissing();
      const status = s.status();
      expect(status.state, `cycle ${i}`).toBe('live');
      const reported = clock.now - status.freshAt!;
      if (missing) {
        const unseen = clock.now - missing.creationMs;
        expect(unseen, `${missing.tag} at cycle ${i}`).toBeLessThanOrEqual(2 * POLL_MS);
        expect(reported, `cycle ${i}`).toBeGreaterThanOrEqual(unseen);
      }
      expect(reported, `cycle ${i}`).toBeLessThanOrEqual(2 * POLL_MS);
      await s.cycle();
      clock.now += POLL_MS;
    }
    // The rarest tags did have jobs meanwhile, and quiet tags were not followed every window.
    for (const job of jobsBetween(steady, clock.now - cycles * POLL_MS, clock.now)) {
      if (['ExtractDigitalWatermark', 'WordsGeneralize', 'SegmentVideoBody', 'SplitVideoParts'].includes(job.tag))
        rareSeen += 1;
    }
    expect(rareSeen).toBeGreaterThan(2);
    const follows = steady.requests().filter(isFollow).length;
    expect(follows).toBeLessThan(0.8 * 25 * cycles);
    expect(follows).toBeGreaterThanOrEqual(12 * cycles);
  });

  it('once live, asks about a tag with no job in the last hour once a minute, and an idle bucket stays live', async () => {
    const s = sync(store);
    for (let i = 0; i < 5 && s.status().state !== 'live'; i++) {
      await s.cycle({ deadline: Infinity });
      clock.now += POLL_MS;
    }
    expect(s.status().state).toBe('live');
    // Two hours past the data set's last job (its future ones included): every tag is idle.
    clock.now = Math.max(...emu.dataset.jobs.map((j) => j.creationMs)) + 2 * 3_600_000;
    await s.cycle();
    clock.now += POLL_MS;
    emu.clearRequests();
    const cycles = 36;
    for (let i = 0; i < cycles; i++) {
      await s.cycle();
      const status = s.status();
      expect(status.state, `cycle ${i}`).toBe('live');
      expect(clock.now - status.freshAt!, `cycle ${i}`).toBeLessThanOrEqual(2 * POLL_MS);
      clock.now += POLL_MS;
    }
    const follows = emu
      .requests()
      .filter(
        (r) => /^\/(pic_)?jobs$/.test(r.path) && !r.query.some(([k]) => k === 'endCreationTime' || k === 'states'),
      );
    // 3 minutes: once a minute per tag (3 or 4 each), where every other cycle would be 18.
    for (const tag of TAGS) {
      const n = follows.filter((r) => r.query.some(([k, v]) => k === 'tag' && v === tag)).length;
      expect(n, tag).toBeGreaterThanOrEqual(2);
      expect(n, tag).toBeLessThanOrEqual(4);
    }
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
