/**
 * What the index answers: a filtered list with its total and a keyset cursor, one job, and the
 * overview's numbers. The overview reads the hourly rollups for the whole hours of its window and
 * the rows themselves only for the partial hours at its edges, so 30 days cost about as much as
 * one; filters the rollups do not carry (queue, workflow, input, code, q, run time) are counted
 * from the rows, in the same shapes.
 */
import 'server-only';

import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';

import { JOB_STATES } from '@/lib/ci/tags';
import type { Job, JobListItem } from '@/lib/ci/types';

import { binSeconds, HOUR_MS, type IndexDatabase } from './schema';

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
  const dir = order === 'Asc' ? 'asc' : 'desc';
  const rows = await db
    .selectFrom('jobs')
    .select(['item', 'created_ms', 'job_id'])
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
    .limit(size + 1)
    .execute();
  const more = rows.length > size;
  const page = rows.slice(0, size);
  const last = page[page.length - 1];
  return {
    jobs: page.map((r) => r.item),
    cursor: more && last ? `${last.created_ms}.${last.job_id}` : null,
    total: withTotal ? await countIndexed(db, bucket, f) : -1,
  };
}

/** How many jobs match: from the rollups when they can say, else from the rows. */
export async function countIndexed(db: Kysely<IndexDatabase>, bucket: string, f: IndexFilters): Promise<number> {
  if (rollupable(f)) {
    const parts = await collect(db, bucket, f, { failures: false, runs: false });
    return parts.hourState.reduce((n, r) => n + r.n, 0);
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
  hourState: { hour: number; state: string; n: number }[];
  failures: { code: string; tag: string; n: number }[];
  runs: { tag: string; bin: number; n: number }[];
}

/**
 * The counts of a window, as rollup-shaped rows: whole hours from the rollups (when the filters
 * allow), the rest from the rows.
 */
async function collect(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  want: { failures: boolean; runs: boolean },
): Promise<Parts> {
  const parts: Parts = { hourState: [], failures: [], runs: [] };
  const after = f.afterMs ?? -1;
  const before = f.beforeMs ?? Number.MAX_SAFE_INTEGER;
  if (!rollupable(f)) {
    await fromRows(db, bucket, f, want, parts);
    return parts;
  }
  // Whole hours strictly inside (after, before): every second of them matches.
  const firstHour = Math.floor(after / HOUR_MS) * HOUR_MS + HOUR_MS;
  const lastHourEnd = before === Number.MAX_SAFE_INTEGER ? before : Math.floor(before / HOUR_MS) * HOUR_MS;
  if (firstHour >= lastHourEnd) {
    await fromRows(db, bucket, f, want, parts);
    return parts;
  }
  await fromRollups(db, bucket, f, firstHour, lastHourEnd, want, parts);
  if (after + 1 < firstHour) await fromRows(db, bucket, { ...f, afterMs: after, beforeMs: firstHour }, want, parts);
  if (lastHourEnd < before)
    await fromRows(db, bucket, { ...f, afterMs: lastHourEnd - 1, beforeMs: before }, want, parts);
  return parts;
}

async function fromRollups(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  fromHour: number,
  toHour: number,
  want: { failures: boolean; runs: boolean },
  parts: Parts,
) {
  const base = <T extends 'rollup_hour' | 'rollup_run'>(eb: ExpressionBuilder<IndexDatabase, T>) => {
    const e = eb as unknown as ExpressionBuilder<IndexDatabase, 'rollup_hour'>;
    const c: Expression<SqlBool>[] = [
      e('bucket', '=', bucket),
      e('hour_ms', '>=', fromHour),
      e('hour_ms', '<', toHour),
    ];
    if (f.tag !== null) c.push(e('tag', '=', f.tag));
    if (f.states !== null) c.push(e('state', 'in', f.states));
    return e.and(c);
  };
  const hours = await db
    .selectFrom('rollup_hour')
    .select(['hour_ms as hour', 'state', sql<number>`sum(jobs)`.as('n')])
    .where(base)
    .groupBy(['hour_ms', 'state'])
    .execute();
  parts.hourState.push(...hours);
  if (want.failures) {
    parts.failures.push(
      ...(await db
        .selectFrom('rollup_hour')
        .select(['code', 'tag', sql<number>`sum(jobs)`.as('n')])
        .where(base)
        .where('state', '=', 'Failed')
        .groupBy(['code', 'tag'])
        .execute()),
    );
  }
  if (want.runs) {
    parts.runs.push(
      ...(await db
        .selectFrom('rollup_run')
        .select(['tag', 'bin', sql<number>`sum(jobs)`.as('n')])
        .where(base)
        .groupBy(['tag', 'bin'])
        .execute()),
    );
  }
}

async function fromRows(
  db: Kysely<IndexDatabase>,
  bucket: string,
  f: IndexFilters,
  want: { failures: boolean; runs: boolean },
  parts: Parts,
) {
  const hour = sql<number>`(created_ms / ${HOUR_MS}) * ${HOUR_MS}`;
  parts.hourState.push(
    ...(await db
      .selectFrom('jobs')
      .select([hour.as('hour'), 'state', sql<number>`count(*)`.as('n')])
      .where((eb) => eb.and(conditions(eb, bucket, f)))
      .groupBy([sql`1`, 'state'])
      .execute()),
  );
  if (want.failures) {
    parts.failures.push(
      ...(await db
        .selectFrom('jobs')
        .select(['code', 'tag', sql<number>`count(*)`.as('n')])
        .where((eb) => eb.and([...conditions(eb, bucket, f), eb('state', '=', 'Failed')]))
        .groupBy(['code', 'tag'])
        .execute()),
    );
  }
  if (want.runs) {
    parts.runs.push(
      ...(
        await db
          .selectFrom('jobs')
          .select(['tag', 'run_bin', sql<number>`count(*)`.as('n')])
          .where((eb) => eb.and([...conditions(eb, bucket, f), eb('run_bin', 'is not', null)]))
          .groupBy(['tag', 'run_bin'])
          .execute()
      ).map((r) => ({ tag: r.tag, bin: r.run_bin!, n: r.n })),
    );
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

export interface FailureCode {
  code: string;
  count: number;
  share: number;
  /** Newest creation time in the group (ISO, UTC), or null. */
  latest: string | null;
  tags: [string, number][];
}

export interface Overview {
  total: number;
  byState: Record<string, number>;
  byTime: { unit: 'hour' | 'day'; buckets: TimeBucket[] };
  runTimeByTag: TagRunTime[];
  failuresByCode: FailureCode[];
}

const DAY_MS = 24 * HOUR_MS;

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
  const parts = await collect(db, bucket, f, { failures: true, runs: true });
  const byState: Record<string, number> = Object.fromEntries(JOB_STATES.map((s) => [s, 0]));
  let total = 0;
  for (const r of parts.hourState) {
    byState[r.state] = (byState[r.state] ?? 0) + r.n;
    total += r.n;
  }
  for (const s of Object.keys(byState))
    if (byState[s] === 0 && !(JOB_STATES as readonly string[]).includes(s)) delete byState[s];

  const unit = f.beforeMs - f.afterMs <= 7 * DAY_MS ? 'hour' : 'day';
  const buckets = timeBuckets(f.afterMs + 1000, f.beforeMs - 1000, unit, offsetMinutes);
  const floor = floorIn(unit, offsetMinutes);
  const byStart = new Map(buckets.map((b) => [b.start, b]));
  for (const r of parts.hourState) {
    const b = byStart.get(floor(r.hour)) ?? byStart.get(floor(Math.max(r.hour, f.afterMs + 1000)));
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
  const failuresByCode: FailureCode[] = [];
  for (const [code, tags] of byCode) {
    const count = [...tags.values()].reduce((a, b) => a + b, 0);
    const latest = await db
      .selectFrom('jobs')
      .select(sql<number | null>`max(created_ms)`.as('ms'))
      .where((eb) => eb.and([...conditions(eb, bucket, { ...f, codes: [code] }), eb('state', '=', 'Failed')]))
      .executeTakeFirst();
    failuresByCode.push({
      code,
      count,
      share: failed === 0 ? 0 : count / failed,
      latest: latest?.ms != null ? new Date(latest.ms).toISOString() : null,
      tags: [...tags].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
    });
  }
  failuresByCode.sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return { total, byState, byTime: { unit, buckets }, runTimeByTag, failuresByCode };
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
