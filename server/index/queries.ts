/**
 * What the index answers: a filtered list with its total and a keyset cursor, one job, and the
 * overview's numbers. The overview never scans a window's jobs when the filters are the rollups'
 * (tag, states, time):
 * - counts per state and bar come from each UTC day's quarter-hour slots, and from the rows only
 *   for the partial quarter hours at the window's edges — a bar in any zone whose offset is whole
 *   quarter hours (+08:00, +05:30, +05:45, with DST) is a run of whole slots, so it is exact;
 * - failures by code and run times come from the daily rollups for whole UTC days, the hourly ones
 *   for the whole hours of the partial days at the edges, and the rows for the partial hours;
 * so 30 days cost about as much as one; and the whole hours and days of the last one are kept for
 * the next viewer while their days are unchanged (rollup-cache.ts). Filters the rollups do not carry (queue, workflow, input,
 * code, q, run time), and zones off the quarter hour, are counted from the rows, in the same shapes.
 */
import 'server-only';

import {
  sql,
  type AliasedRawBuilder,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
} from 'kysely';

import { JOB_STATES } from '@/lib/ci/tags';
import type { Job, JobListItem } from '@/lib/ci/types';
import type { FailureCode } from '@/lib/overview';

import { cachedRollupRead, type RollupRead } from './rollup-cache';
import { binSeconds, DAY_MS, HOUR_MS, SLOT_MS, type IndexDatabase } from './schema';

export interface IndexFilters {
  /** null: every tag. */
  tag: string | null;
  /** null: every state. */
  states: string[] | null;
  queueId?: string;
  queueType?: string;
  workflowId?: string;
  inputObject?: string;
  codes?: string[];
  q?: string;
  minDurationSec?: number;
  maxDurationSec?: number;
  /** Creation time bounds, exclusive as CI's are (ms). */
  afterMs?: number;
  beforeMs?: number;
}

type Jobs = ExpressionBuilder<IndexDatabase, 'jobs'>;

/** Escapes LIKE's wildcards, so `q` is a plain substring. */
const likeText = (q: string) => `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function conditions(eb: Jobs, bucket: string, f: IndexFilters): Expression<SqlBool>[] {
  const c: Expression<SqlBool>[] = [eb('bucket', '=', bucket)];
  if (f.tag !== null) c.push(eb('tag', '=', f.tag));
  if (f.states !== null) c.push(eb('state', 'in', f.states));
  if (f.queueId) c.push(eb('queue_id', '=', f.queueId));
  if (f.queueType) c.push(eb('queue_type', '=', f.queueType));
  if (f.workflowId) c.push(eb('workflow_id', '=', f.workflowId));
  if (f.inputObject) c.push(eb('input_object', '=', f.inputObject));
  if (f.codes?.length) c.push(eb('code', 'in', f.codes));
  if (f.q) c.push(sql<SqlBool>`search_text like ${likeText(f.q)}`);
  if (f.minDurationSec !== undefined) c.push(eb('run_sec', '>=', f.minDurationSec));
  if (f.maxDurationSec !== undefined) c.push(eb('run_sec', '<=', f.maxDurationSec));
  if (f.afterMs !== undefined) c.push(eb('created_ms', '>', f.afterMs));
  if (f.beforeMs !== undefined) c.push(eb('created_ms', '<', f.beforeMs));
  return c;
}

/** True when the rollups can count these filters (tag, states and time only). */
function rollupable(f: IndexFilters): boolean {
  return (
    !f.queueId &&
    !f.queueType &&
    !f.workflowId &&
    !f.inputObject &&
    !f.codes?.length &&
    !f.q &&
    f.minDurationSec === undefined &&
    f.maxDurationSec === undefined
  );
}

export interface IndexPage {
  jobs: JobListItem[];
  /** The keyset cursor of the next page, or null at the end. */
  cursor: string | null;
  total: number;
}

export interface Keyset {
  createdMs: number;
  jobId: string;
}

export async function listIndexed(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  {
    size,
    order,
    after,
    withTotal = true,
  }: { size: number; order: 'Asc' | 'Desc'; after: Keyset | null; withTotal?: boolean },
): Promise<IndexPage> {
  const rows = await keysetRows(db, bucket, f, { size, order, after }, 'item').execute();
  const { page, cursor } = keysetPage(rows, size);
  return {
    jobs: page.map((r) => r.item),
    cursor,
    total: withTotal ? await countIndexed(db, bucket, f) : -1,
  };
}

/**
 * listIndexed's page as the store's own JSON text of each item, one line each, for the NDJSON
 * export ("Load all"): the store prints its jsonb once, where reading the item as an object would
 * parse it into one (PGlite's and node-postgres's JSON.parse) only for JSON.stringify to print it
 * again — about half the time of a 1,000-row page.
 */
export async function listIndexedLines(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  options: { size: number; order: 'Asc' | 'Desc'; after: Keyset | null },
): Promise<{ lines: string[]; cursor: string | null }> {
  const rows = await keysetRows(db, bucket, f, options, sql<string>`item::text`.as('line')).execute();
  const { page, cursor } = keysetPage(rows, options.size);
  return { lines: page.map((r) => r.line), cursor };
}

/** The matching rows after `after` in the list's order (one more than `size`, to tell if there are more). */
function keysetRows<S extends 'item' | AliasedRawBuilder<string, 'line'>>(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  { size, order, after }: { size: number; order: 'Asc' | 'Desc'; after: Keyset | null },
  selection: S,
) {
  const dir = order === 'Asc' ? 'asc' : 'desc';
  return db
    .selectFrom('jobs')
    .select([selection, 'created_ms', 'job_id'])
    .where((eb) => {
      const c = conditions(eb, bucket, f);
      if (after) {
        const key = sql`(created_ms, job_id)`;
        c.push(
          order === 'Asc'
            ? sql<SqlBool>`${key} > (${after.createdMs}, ${after.jobId})`
            : sql<SqlBool>`${key} < (${after.createdMs}, ${after.jobId})`,
        );
      }
      return eb.and(c);
    })
    .orderBy('created_ms', dir)
    .orderBy('job_id', dir)
    .limit(size + 1);
}

function keysetPage<R extends { created_ms: number; job_id: string }>(rows: R[], size: number) {
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return { page, cursor: rows.length > size && last ? `${last.created_ms}.${last.job_id}` : null };
}

/** How many jobs match: from the rollups when they can say, else from the rows. */
export async function countIndexed(db: Kysely<IndexDatabase>, bucket: string, f: IndexFilters): Promise<number> {
  if (rollupable(f)) {
    const parts = await collect(db, bucket, f, { failures: false, runs: false, step: SLOT_MS });
    return parts.time.reduce((n, r) => n + r.n, 0);
  }
  const row = await db
    .selectFrom('jobs')
    .select(sql<number>`count(*)`.as('n'))
    .where((eb) => eb.and(conditions(eb, bucket, f)))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function getIndexedJob(
  db: Kysely<IndexDatabase>,
  bucket: string,
  jobId: string,
): Promise<{ item: JobListItem; detail: Job | null; xml: string | null; updatedMs: number } | null> {
  const row = await db
    .selectFrom('jobs')
    .select(['item', 'detail', 'detail_xml', 'updated_ms'])
    .where('bucket', '=', bucket)
    .where('job_id', '=', jobId)
    .executeTakeFirst();
  return row ? { item: row.item, detail: row.detail, xml: row.detail_xml || null, updatedMs: row.updated_ms } : null;
}

// ───────────────────────────── overview ─────────────────────────────

interface Parts {
  /** Jobs per state in spans that each lie within one bar (hour or day in any zone): the span's start. */
  time: { at: number; state: string; n: number }[];
  failures: { code: string; tag: string; n: number }[];
  runs: { tag: string; bin: number; n: number }[];
}

interface Want {
  failures: boolean;
  runs: boolean;
  /** The span of `time` entries counted from rows: SLOT_MS, or a minute for zones off the quarter hour. */
  step: number;
}

const ceilTo = (ms: number, unit: number) => Math.ceil(ms / unit) * unit;
const floorTo = (ms: number, unit: number) => Math.floor(ms / unit) * unit;

/**
 * The counts of a window, as rollup-shaped rows: from the rollups where the filters and the window
 * allow (see the module's comment), the rest from the rows.
 */
async function collect(db: Kysely<IndexDatabase>, bucket: string, f: IndexFilters, want: Want): Promise<Parts> {
  const parts: Parts = { time: [], failures: [], runs: [] };
  // The window as [lo, hi) in whole ms (CI's bounds are exclusive).
  const lo = (f.afterMs ?? -1) + 1;
  const hi = f.beforeMs ?? Number.MAX_SAFE_INTEGER;
  const rows = (from: number, to: number, w: Partial<Want>) =>
    from < to ? fromRows(db, bucket, { ...f, afterMs: from - 1, beforeMs: to }, { ...want, ...w }, parts) : null;
  if (!rollupable(f) || want.step !== SLOT_MS || hi === Number.MAX_SAFE_INTEGER) {
    await fromRows(db, bucket, f, want, parts);
    return parts;
  }
  // Counts per state and time: whole quarter hours from the day slots, the edges from rows.
  const qlo = ceilTo(lo, SLOT_MS);
  const qhi = floorTo(hi, SLOT_MS);
  const tail = { failures: false, runs: false };
  if (qlo < qhi) {
    await fromSlots(db, bucket, f, qlo, qhi, parts);
    await rows(lo, qlo, tail);
    await rows(qhi, hi, tail);
  } else await rows(lo, hi, tail);
  if (!want.failures && !want.runs) return parts;

  // Failures and run times: whole days, then whole hours, then rows.
  const only = { ...want, time: false };
  const hlo = ceilTo(lo, HOUR_MS);
  const hhi = floorTo(hi, HOUR_MS);
  const dlo = ceilTo(lo, DAY_MS);
  const dhi = floorTo(hi, DAY_MS);
  if (hlo < hhi) {
    // The whole hours and days, kept for the next viewer while their days are unchanged.
    const key = JSON.stringify([f.tag, f.states, want.failures, want.runs, hlo, hhi]);
    const read = await cachedRollupRead(db, bucket, key, hlo, hhi, async () => {
      const got: RollupRead = { failures: [], runs: [] };
      if (dlo < dhi) {
        await fromRollups(db, bucket, f, 'day', dlo, dhi, want, got);
        if (hlo < dlo) await fromRollups(db, bucket, f, 'hour', hlo, dlo, want, got);
        if (dhi < hhi) await fromRollups(db, bucket, f, 'hour', dhi, hhi, want, got);
      } else await fromRollups(db, bucket, f, 'hour', hlo, hhi, want, got);
      return got;
    });
    parts.failures.push(...read.failures);
    parts.runs.push(...read.runs);
  }
  if (hlo < hhi) {
    await rows(lo, hlo, only);
    await rows(hhi, hi, only);
  } else await rows(lo, hi, only);
  return parts;
}

/** Quarter hours [from, to) of the day slots (both on the quarter hour). */
async function fromSlots(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  from: number,
  to: number,
  parts: Parts,
) {
  const window = { from: floorTo(from, DAY_MS), to };
  // Every tag: the all-tag slots, one array per day and state. One tag: its own.
  const found =
    f.tag === null
      ? await db
          .selectFrom('rollup_day_slots_all')
          .select(['day_ms', 'state', 'slots'])
          .where((eb) => eb.and(slotConditions(eb, bucket, f, window)))
          .execute()
      : await db
          .selectFrom('rollup_day_slots')
          .select(['day_ms', 'state', 'slots'])
          .where((eb) => eb.and([...slotConditions(eb, bucket, f, window), eb('tag', '=', f.tag!)]))
          .execute();
  const sums = new Map<string, { day: number; state: string; slots: number[] }>();
  for (const r of found) {
    const key = `${r.day_ms}\u0000${r.state}`;
    const sum = sums.get(key);
    if (!sum) sums.set(key, { day: r.day_ms, state: r.state, slots: r.slots });
    else for (let i = 0; i < r.slots.length; i++) sum.slots[i]! += r.slots[i]!;
  }
  for (const { day, state, slots } of sums.values()) {
    const first = Math.max(0, (from - day) / SLOT_MS);
    const last = Math.min(slots.length, (to - day) / SLOT_MS);
    for (let i = first; i < last; i++) if (slots[i]) parts.time.push({ at: day + i * SLOT_MS, state, n: slots[i]! });
  }
}

function slotConditions<T extends 'rollup_day_slots' | 'rollup_day_slots_all'>(
  builder: ExpressionBuilder<IndexDatabase, T>,
  bucket: string,
  f: IndexFilters,
  { from, to }: { from: number; to: number },
): Expression<SqlBool>[] {
  const eb = builder as unknown as ExpressionBuilder<IndexDatabase, 'rollup_day_slots_all'>;
  const c = [eb('bucket', '=', bucket), eb('day_ms', '>=', from), eb('day_ms', '<', to)];
  if (f.states !== null) c.push(eb('state', 'in', f.states));
  return c;
}

/** Failures and run-time bins of whole days or hours [from, to). */
async function fromRollups(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  unit: 'day' | 'hour',
  from: number,
  to: number,
  want: { failures: boolean; runs: boolean },
  parts: RollupRead,
) {
  const base = <T extends 'rollup_hour' | 'rollup_run' | 'rollup_day' | 'rollup_day_run'>(
    eb: ExpressionBuilder<IndexDatabase, T>,
  ) => {
    const e = eb as unknown as ExpressionBuilder<IndexDatabase, 'rollup_hour'>;
    const at = (unit === 'day' ? 'day_ms' : 'hour_ms') as 'hour_ms';
    const c: Expression<SqlBool>[] = [e('bucket', '=', bucket), e(at, '>=', from), e(at, '<', to)];
    if (f.tag !== null) c.push(e('tag', '=', f.tag));
    if (f.states !== null) c.push(e('state', 'in', f.states));
    return e.and(c);
  };
  if (want.failures) {
    parts.failures.push(
      ...(await db
        .selectFrom(unit === 'day' ? 'rollup_day' : 'rollup_hour')
        .select(['code', 'tag', sql<number>`sum(jobs)`.as('n')])
        .where(base)
        .where('state', '=', 'Failed')
        .groupBy(['code', 'tag'])
        .execute()),
    );
  }
  if (!want.runs) return;
  if (unit === 'hour') {
    parts.runs.push(
      ...(await db
        .selectFrom('rollup_run')
        .select(['tag', 'bin', sql<number>`sum(jobs)`.as('n')])
        .where(base)
        .groupBy(['tag', 'bin'])
        .execute()),
    );
    return;
  }
  // The days' run-time sketches, merged per tag.
  const sketches = await db.selectFrom('rollup_day_run').select(['tag', 'bins']).where(base).execute();
  const merged = new Map<string, Map<number, number>>();
  for (const { tag, bins } of sketches) {
    const into = merged.get(tag) ?? new Map<number, number>();
    for (const bin in bins) into.set(Number(bin), (into.get(Number(bin)) ?? 0) + bins[bin]!);
    merged.set(tag, into);
  }
  for (const [tag, bins] of merged) for (const [bin, n] of bins) parts.runs.push({ tag, bin, n });
}

async function fromRows(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  want: Want & { time?: boolean },
  parts: Parts,
) {
  if (want.time !== false) {
    const at = sql<number>`(created_ms / ${want.step}) * ${want.step}`;
    parts.time.push(
      ...(await db
        .selectFrom('jobs')
        .select([at.as('at'), 'state', sql<number>`count(*)`.as('n')])
        .where((eb) => eb.and(conditions(eb, bucket, f)))
        .groupBy([sql`1`, 'state'])
        .execute()),
    );
  }
  if (!want.failures && !want.runs) return;
  // Failures and run bins in one pass over the rows: grouped by all four, then split.
  const found = await db
    .selectFrom('jobs')
    .select(['tag', 'state', 'code', 'run_bin', sql<number>`count(*)`.as('n')])
    .where((eb) => eb.and(conditions(eb, bucket, f)))
    .groupBy(['tag', 'state', 'code', 'run_bin'])
    .execute();
  for (const r of found) {
    if (want.failures && r.state === 'Failed') parts.failures.push({ code: r.code, tag: r.tag, n: r.n });
    if (want.runs && r.run_bin !== null) parts.runs.push({ tag: r.tag, bin: r.run_bin, n: r.n });
  }
}

export interface TimeBucket {
  start: number;
  end: number;
  total: number;
  counts: Record<string, number>;
}

export interface TagRunTime {
  tag: string;
  count: number;
  median: number;
  p90: number;
  max: number;
}

/** The most failed jobs of a code the overview reads for its queues and messages. */
export const FAILURE_SAMPLE = 100;

export interface Overview {
  total: number;
  byState: Record<string, number>;
  byTime: { unit: 'hour' | 'day'; buckets: TimeBucket[] };
  runTimeByTag: TagRunTime[];
  failuresByCode: FailureCode[];
}

/**
 * The overview of a window (afterMs and beforeMs required): the same figures as
 * features/overview/aggregate.ts computes from a collected list, with run times read from 2 %-wide
 * bins (whole seconds below 100 s).
 */
export async function overview(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters & { afterMs: number; beforeMs: number },
  offsetMinutes: (ms: number) => number,
): Promise<Overview> {
  const unit = f.beforeMs - f.afterMs <= 7 * DAY_MS ? 'hour' : 'day';
  const buckets = timeBuckets(f.afterMs + 1000, f.beforeMs - 1000, unit, offsetMinutes);
  // Bars on the quarter hour are whole day slots; any other zone is counted by the minute from rows.
  const step = buckets.every((b) => b.start % SLOT_MS === 0) ? SLOT_MS : 60_000;
  const parts = await collect(db, bucket, f, { failures: true, runs: true, step });
  const byState: Record<string, number> = Object.fromEntries(JOB_STATES.map((s) => [s, 0]));
  let total = 0;
  for (const r of parts.time) {
    byState[r.state] = (byState[r.state] ?? 0) + r.n;
    total += r.n;
  }
  for (const s of Object.keys(byState))
    if (byState[s] === 0 && !(JOB_STATES as readonly string[]).includes(s)) delete byState[s];

  const floor = floorIn(unit, offsetMinutes);
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  for (const r of parts.time) {
    const b = byStart.get(floor(r.at)) ?? byStart.get(floor(Math.max(r.at, f.afterMs + 1000)));
    if (!b || r.n === 0) continue;
    b.total += r.n;
    b.counts[r.state] = (b.counts[r.state] ?? 0) + r.n;
  }

  const runsByTag = new Map<string, Map<number, number>>();
  for (const r of parts.runs) {
    if (r.n === 0) continue;
    const bins = runsByTag.get(r.tag) ?? new Map<number, number>();
    bins.set(r.bin, (bins.get(r.bin) ?? 0) + r.n);
    runsByTag.set(r.tag, bins);
  }
  const runTimeByTag = [...runsByTag]
    .map(([tag, bins]) => {
      const sorted = [...bins].sort((a, b) => a[0] - b[0]);
      const count = sorted.reduce((n, [, c]) => n + c, 0);
      const at = (p: number) => {
        const rank = Math.min(count, Math.max(1, Math.ceil((p / 100) * count)));
        let seen = 0;
        for (const [bin, c] of sorted) if ((seen += c) >= rank) return binSeconds(bin);
        return binSeconds(sorted[sorted.length - 1]![0]);
      };
      return { tag, count, median: at(50), p90: at(90), max: binSeconds(sorted[sorted.length - 1]![0]) };
    })
    .filter((t) => t.count > 0)
    .sort((a, b) => b.median - a.median || a.tag.localeCompare(b.tag));

  const byCode = new Map<string, Map<string, number>>();
  let failed = 0;
  for (const r of parts.failures) {
    if (r.n === 0) continue;
    failed += r.n;
    const tags = byCode.get(r.code) ?? new Map<string, number>();
    tags.set(r.tag, (tags.get(r.tag) ?? 0) + r.n);
    byCode.set(r.code, tags);
  }
  const newestOf = await newestFailures(db, bucket, f, [...byCode.keys()]);
  const failuresByCode: FailureCode[] = [...byCode].map(([code, tags]) => {
    const count = [...tags.values()].reduce((a, b) => a + b, 0);
    const newest = newestOf.get(code) ?? [];
    return {
      code,
      count,
      share: failed === 0 ? 0 : count / failed,
      latest: newest[0] ? new Date(newest[0].created_ms).toISOString() : null,
      tags: [...tags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
      queues: tally(newest.map((j) => j.queue_id ?? '—')),
      messages: tally(newest.map((j) => j.message ?? '')),
      sampled: newest.length,
    };
  });
  failuresByCode.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { total, byState, byTime: { unit, buckets }, runTimeByTag, failuresByCode };
}

/**
 * The newest failed jobs of each code in the window (at most FAILURE_SAMPLE a code, newest first),
 * in one query: the groups' queues and messages are tallied from them — a bounded read through the
 * code's index (jobs_code_created) however large the group, and exact for groups of up to
 * FAILURE_SAMPLE.
 */
async function newestFailures(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  codes: readonly string[],
): Promise<Map<string, { created_ms: number; queue_id: string | null; message: string | null }[]>> {
  const byCode = new Map<string, { created_ms: number; queue_id: string | null; message: string | null }[]>();
  // The codes jobs_code_created holds, in one query (its predicate restated so the planner may use
  // it for a code it does not know in advance); a failed job with none or 'Success', by itself.
  const indexed = codes.filter((c) => c !== '' && c !== 'Success');
  for (const code of codes.filter((c) => !indexed.includes(c)))
    byCode.set(
      code,
      await db
        .selectFrom('jobs')
        .select(['created_ms', 'queue_id', 'message'])
        .where((eb) => eb.and([...conditions(eb, bucket, { ...f, codes: [code] }), eb('state', '=', 'Failed')]))
        .orderBy('created_ms', 'desc')
        .orderBy('job_id', 'asc')
        .limit(FAILURE_SAMPLE)
        .execute(),
    );
  if (indexed.length === 0) return byCode;
  const rows = await db
    .selectFrom(sql<{ code: string }>`(select unnest(${indexed}::text[]) as code)`.as('c'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('jobs')
          .select(['created_ms', 'job_id', 'queue_id', 'message'])
          .where((jb) => {
            const jobs = jb as unknown as Jobs;
            return jobs.and([
              ...conditions(jobs, bucket, f),
              jobs('state', '=', 'Failed'),
              jobs('code', '=', jb.ref('c.code')),
              sql<SqlBool>`code <> '' and code <> 'Success'`,
            ]);
          })
          .orderBy('created_ms', 'desc')
          .orderBy('job_id', 'asc')
          .limit(FAILURE_SAMPLE)
          .as('j'),
      (join) => join.onTrue(),
    )
    .select(['c.code', 'j.created_ms', 'j.queue_id', 'j.message'])
    .orderBy('j.created_ms', 'desc')
    .orderBy('j.job_id', 'asc')
    .execute();
  for (const { code, ...job } of rows) {
    const list = byCode.get(code) ?? [];
    list.push(job);
    byCode.set(code, list);
  }
  return byCode;
}

function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function floorIn(unit: 'hour' | 'day', offsetMinutes: (ms: number) => number) {
  const size = unit === 'hour' ? HOUR_MS : DAY_MS;
  return (ms: number) => {
    const offset = offsetMinutes(ms) * 60_000;
    return Math.floor((ms + offset) / size) * size - offset;
  };
}

/** Every hour (or day, in the zone) from `from` to `to`, as features/overview/aggregate.ts lays them out. */
function timeBuckets(
  from: number,
  to: number,
  unit: 'hour' | 'day',
  offsetMinutes: (ms: number) => number,
): TimeBucket[] {
  const floor = floorIn(unit, offsetMinutes);
  const size = unit === 'hour' ? HOUR_MS : DAY_MS;
  const out: TimeBucket[] = [];
  for (let start = floor(from); start <= to && out.length < 5_000;) {
    const next = floor(start + size + HOUR_MS);
    out.push({
      start,
      end: Math.max(start, (unit === 'hour' ? start + size : next) - 1000),
      total: 0,
      counts: Object.fromEntries(JOB_STATES.map((s) => [s, 0])),
    });
    start = unit === 'hour' ? start + size : next;
  }
  return out;
}
