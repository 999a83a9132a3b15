/**
 * The overview from the rollups (daily slots and sketches, hourly cells, rows at the edges) equals
 * the same figures computed in JS from every stored job, on random data with jobs that change state
 * after they were first written: windows with random edges (mid-second, mid-quarter, mid-hour,
 * mid-day) and zones on the hour, on the half and quarter hour, with a DST change, and off the
 * quarter hour (answered from the rows). The migration's backfill of the daily rollups from stored
 * rows gives the same tables as the writes did.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { countByState, groupFailures, percentile, runSeconds, slotsByCreation } from '@/features/overview/aggregate';
import type { JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';
import { fillDailyRollups, fillRollupsFromRows } from '@/server/index/migrations';
import { FAILURE_SAMPLE, overview } from '@/server/index/queries';
import { binSeconds, runBin } from '@/server/index/schema';
import type { JobStore } from '@/server/index/store';
import { parseTimeZone } from '@/server/index/time-zone';
import { writeJobs } from '@/server/index/write';

import { resetStore, storeTargets } from './stores';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BASE = Date.UTC(2026, 9, 20, 7, 13, 0); // spans Lord Howe's DST start (2026-10-04) and nothing else
const TAGS = ['Transcode', 'Snapshot', 'Animation', 'SpeechRecognition'];
const CODES = ['InternalError', 'InvalidInput', 'Timeout'];
const COUNT = 6000;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');

function randomJob(i: number, r: () => number, state: string): JobListItem {
  // Whole seconds, as CI's times are; clustered around some hours so cells hold several jobs.
  const created = Math.floor((BASE - 40 * DAY + r() * 40 * DAY) / 1000) * 1000;
  const run = Math.floor(Math.exp(r() * Math.log(20_000)));
  const finished = state === 'Success' || state === 'Failed';
  return {
    jobId: `j${String(i).padStart(6, '0')}`,
    tag: TAGS[Math.floor(r() * r() * TAGS.length)]!,
    subTag: null,
    state,
    progress: state === 'Success' ? 100 : 0,
    code: state === 'Failed' ? CODES[Math.floor(r() * CODES.length)]! : 'Success',
    message: state === 'Failed' ? ['failed', 'no input', 'timed out'][i % 3]! : null,
    creationTime: iso(created),
    startTime: finished || state === 'Running' ? iso(created + 1000) : null,
    endTime: finished ? iso(created + 1000 + run * 1000) : null,
    queueId: `p${i % 4}`,
    queueType: 'Transcoding',
    input: null,
    output: null,
    workflows: [],
    extra: {},
  };
}

const STATES = ['Success', 'Success', 'Success', 'Failed', 'Running', 'Submitted', 'Cancel', 'Pause'];

/** What the overview says about runs, computed from the jobs with the same 2 % bins. */
function binnedRuns(jobs: JobListItem[]) {
  const byTag = new Map<string, number[]>();
  for (const j of jobs) {
    if (j.state !== 'Success' && j.state !== 'Failed') continue;
    const s = runSeconds(j);
    if (s === null) continue;
    byTag.set(j.tag, [...(byTag.get(j.tag) ?? []), binSeconds(runBin(s))]);
  }
  return [...byTag]
    .map(([tag, v]) => {
      v.sort((a, b) => a - b);
      return { tag, count: v.length, median: percentile(v, 50)!, p90: percentile(v, 90)!, max: v[v.length - 1]! };
    })
    .sort((a, b) => b.median - a.median || a.tag.localeCompare(b.tag));
}

describe.each(storeTargets)('rollups against the rows on $name', { timeout: 300_000 }, (target) => {
  let store: JobStore;
  let all: JobListItem[] = [];

  beforeAll(async () => {
    store = await target.open();
    await resetStore(store);
    const r = rng(7);
    const first = Array.from({ length: COUNT }, (_, i) => randomJob(i, r, STATES[Math.floor(r() * STATES.length)]!));
    for (let i = 0; i < first.length; i += 700)
      await writeJobs(
        store.db,
        'b',
        first.slice(i, i + 700).map((item) => ({ item })),
        1,
      );
    // A third of the unfinished jobs finish (or fail) later: the rollups move them between cells.
    const later = first
      .filter((j) => ['Running', 'Submitted', 'Pause'].includes(j.state) && r() < 0.35)
      .map((j) => {
        const state = r() < 0.5 ? 'Success' : 'Failed';
        const created = toMs(j.creationTime)!;
        return {
          ...j,
          state,
          code: state === 'Failed' ? CODES[Math.floor(r() * CODES.length)]! : 'Success',
          startTime: iso(created + 2000),
          endTime: iso(created + 2000 + Math.floor(r() * 5000) * 1000),
        };
      });
    await writeJobs(
      store.db,
      'b',
      later.map((item) => ({ item })),
      2,
    );
    const byId = new Map(first.map((j) => [j.jobId, j]));
    for (const j of later) byId.set(j.jobId, j);
    all = [...byId.values()];
  }, 300_000);
  afterAll(() => store?.close());

  const zones: [string, string][] = [
    ['UTC', 'utc'],
    ['+08:00', '+08:00'],
    ['+05:30', '+05:30'],
    ['+05:45', '+05:45'],
    ['-03:30', '-03:30'],
    ['Australia/Lord_Howe (DST by 30 min)', 'Australia/Lord_Howe'],
    ['+05:17 (off the quarter hour: rows)', '+05:17'],
  ];
  const spans = [
    ['50 minutes', 50 * 60_000],
    ['5 hours', 5 * HOUR],
    ['26 hours', 26 * HOUR],
    ['7 days', 7 * DAY],
    ['8 days', 8 * DAY],
    ['30 days', 30 * DAY],
  ] as const;
  const cases = zones.flatMap(([zoneName, zone], z) =>
    spans.map(([spanName, span], s) => [`${spanName} in ${zoneName}`, zone, span, z * 31 + s] as const),
  );

  it.each(cases)('overview of %s equals the rows’ answer', async (_, zone, span, seed) => {
    const r = rng(1000 + seed);
    const offset = parseTimeZone(zone)!;
    const tag = r() < 0.3 ? 'Transcode' : null;
    // Random edges: any millisecond, so the window cuts quarters, hours and days.
    const before = BASE - Math.floor(r() * 3 * DAY);
    const after = before - span - Math.floor(r() * HOUR);
    const got = await overview(store.db, 'b', { tag, states: null, afterMs: after, beforeMs: before }, offset);
    const jobs = all.filter((j) => {
      const c = toMs(j.creationTime)!;
      return c > after && c < before && (tag === null || j.tag === tag);
    });
    expect(jobs.length).toBeGreaterThan(span > DAY ? 20 : 0);
    expect(got.total).toBe(jobs.length);
    expect(got.byState).toEqual(countByState(jobs));
    expect(got.byTime.buckets).toEqual(
      slotsByCreation(jobs, { from: after + 1000, to: before - 1000, unit: got.byTime.unit, offsetMinutes: offset }),
    );
    expect(got.failuresByCode.map((f) => [f.code, f.count, f.tags, f.latest])).toEqual(
      groupFailures(jobs).map((f) => [
        f.code,
        f.count,
        f.tags,
        f.latest ? new Date(toMs(f.latest)!).toISOString() : null,
      ]),
    );
    // Queues and messages of each group's newest FAILURE_SAMPLE jobs (all of a smaller group).
    expect(got.failuresByCode.map((f) => [f.code, f.queues, f.messages, f.sampled])).toEqual(
      groupFailures(jobs).map((f) => {
        const newest = groupFailures(f.jobs.slice(0, FAILURE_SAMPLE))[0]!;
        return [f.code, newest.queues, newest.messages, newest.count];
      }),
    );
    expect(got.runTimeByTag).toEqual(binnedRuns(jobs));
  });

  it('with a states filter, counts only those states from every part', async () => {
    const after = BASE - 20 * DAY - 1234;
    const before = BASE - 1 * DAY + 4321;
    const got = await overview(
      store.db,
      'b',
      { tag: null, states: ['Failed', 'Running'], afterMs: after, beforeMs: before },
      () => 330,
    );
    const jobs = all.filter((j) => {
      const c = toMs(j.creationTime)!;
      return c > after && c < before && (j.state === 'Failed' || j.state === 'Running');
    });
    expect(got.total).toBe(jobs.length);
    expect(got.byTime.buckets).toEqual(
      slotsByCreation(jobs, { from: after + 1000, to: before - 1000, unit: 'day', offsetMinutes: () => 330 }),
    );
    expect(got.runTimeByTag).toEqual(binnedRuns(jobs));
  });

  it('the migration’s backfill builds the same daily rollups as the writes', async () => {
    const read = async () => ({
      day: await sql`select bucket, day_ms, tag, state, code, jobs from rollup_day where jobs <> 0 order by 1, 2, 3, 4, 5`.execute(
        store.db,
      ),
      runs: await sql`select bucket, day_ms, tag, state, bins from rollup_day_run where bins <> '{}'::jsonb order by 1, 2, 3, 4`.execute(
        store.db,
      ),
      slots:
        await sql`select bucket, day_ms, tag, state, slots from rollup_day_slots where slots <> array_fill(0, array[96]) order by 1, 2, 3, 4`.execute(
          store.db,
        ),
    });
    const written = await read();
    expect(written.day.rows.length).toBeGreaterThan(100);
    await sql`truncate rollup_day, rollup_day_run, rollup_day_slots`.execute(store.db);
    await fillDailyRollups(store.db);
    const filled = await read();
    expect(filled.day.rows).toEqual(written.day.rows);
    expect(filled.runs.rows).toEqual(written.runs.rows);
    expect(filled.slots.rows).toEqual(written.slots.rows);
  });

  it('every rollup computed from the rows alone (a bulk load, migration 0005’s all-tag slots) equals what the writes built', async () => {
    const read = async () => ({
      hour: await sql`select bucket, hour_ms, tag, state, code, jobs from rollup_hour where jobs <> 0 order by 1, 2, 3, 4, 5`.execute(
        store.db,
      ),
      run: await sql`select bucket, hour_ms, tag, state, bin, jobs from rollup_run where jobs <> 0 order by 1, 2, 3, 4, 5`.execute(
        store.db,
      ),
      day: await sql`select bucket, day_ms, tag, state, code, jobs from rollup_day where jobs <> 0 order by 1, 2, 3, 4, 5`.execute(
        store.db,
      ),
      runs: await sql`select bucket, day_ms, tag, state, bins from rollup_day_run where bins <> '{}'::jsonb order by 1, 2, 3, 4`.execute(
        store.db,
      ),
      slots:
        await sql`select bucket, day_ms, tag, state, slots from rollup_day_slots where slots <> array_fill(0, array[96]) order by 1, 2, 3, 4`.execute(
          store.db,
        ),
      all: await sql`select bucket, day_ms, state, slots from rollup_day_slots_all where slots <> array_fill(0, array[96]) order by 1, 2, 3`.execute(
        store.db,
      ),
    });
    const written = await read();
    expect(written.hour.rows.length).toBeGreaterThan(1000);
    expect(written.all.rows.length).toBeGreaterThan(100);
    await sql`truncate rollup_hour, rollup_run, rollup_day, rollup_day_run, rollup_day_slots, rollup_day_slots_all, rollup_day_rev`.execute(
      store.db,
    );
    await fillRollupsFromRows(store.db);
    expect(await read()).toEqual(written);
    // Every day held has a revision, so a reader's kept rollups of it can be checked.
    const revs = await sql<{ n: number }>`select count(*)::integer as n from rollup_day_rev`.execute(store.db);
    const days = await sql<{
      n: number;
    }>`select count(distinct (bucket, day_ms))::integer as n from rollup_day`.execute(store.db);
    expect(revs.rows[0]!.n).toBe(days.rows[0]!.n);
  });

  it('an overview read again after a write to a whole day of its window sees the write (kept rollups checked)', async () => {
    const after = BASE - 20 * DAY - 4321;
    const before = BASE - 2 * DAY + 1234;
    const f = { tag: null, states: null, afterMs: after, beforeMs: before };
    const answer = (jobs: JobListItem[]) => {
      const inside = jobs.filter((j) => toMs(j.creationTime)! > after && toMs(j.creationTime)! < before);
      return { failures: groupFailures(inside).map((g) => [g.code, g.count, g.tags]), runs: binnedRuns(inside) };
    };
    const read = async () => {
      const got = await overview(store.db, 'b', f, () => 480);
      return { failures: got.failuresByCode.map((g) => [g.code, g.count, g.tags]), runs: got.runTimeByTag };
    };
    expect(await read()).toEqual(answer(all));
    expect(await read()).toEqual(answer(all));
    // A job in the middle of the window fails after a long run: its day's failures and run times move.
    const mid = BASE - 10 * DAY;
    const job = all.find((j) => j.state === 'Success' && Math.abs(toMs(j.creationTime)! - mid) < DAY)!;
    const created = toMs(job.creationTime)!;
    const changed = { ...job, state: 'Failed', code: 'Timeout', endTime: iso(created + 1000 + 86_000_000) };
    await writeJobs(store.db, 'b', [{ item: changed }], 3);
    all = all.map((j) => (j.jobId === job.jobId ? changed : j));
    expect(await read()).toEqual(answer(all));
  });
});
