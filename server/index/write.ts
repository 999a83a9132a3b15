/**
 * Writing jobs into the index: one transaction per batch (a listed page, a lookup, a callback), in
 * which the jobs are upserted by (bucket, job ID) and the rollups (hourly, daily, the day's run-time
 * sketch and quarter-hour slots, per tag and over all tags) move by the difference between what the index held and what arrives — so a job counts once, in its current state,
 * however often it is listed. A caller's checkpoint update joins the same transaction: a page and
 * the position after it are stored together or not at all.
 *
 * Every write takes one transaction-level advisory lock first: writers (the sync leader, a callback
 * on any replica, a leader handing over) take turns, so a job inserted by one is seen — not
 * counted again — by the next, and the change events it records (job_events) get their ids in
 * commit order; the NOTIFY sent with them reaches every replica when the transaction commits.
 */
import 'server-only';

import { sql, type Kysely, type Transaction } from 'kysely';

import type { Job, JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';

import {
  dayOf,
  hourOf,
  intArray,
  runBin,
  SLOT_MS,
  SLOTS_PER_DAY,
  type IndexDatabase,
  type JobChange,
  type JobsTable,
} from './schema';

/** The channel every replica LISTENs on (server/events/hub.ts); the payload is the newest event id. */
export const EVENTS_CHANNEL = 'job_events';
/** Any constant of this dashboard's: the writers' turn (see above). */
const WRITE_LOCK_KEY = 0x1d_c1_0b6;
/** The most job IDs one event names; a larger batch is split. */
const EVENT_JOBS = 100;

export interface IncomingJob {
  item: JobListItem;
  /** The whole job and its XML, when the caller has it (a lookup by ID, a callback). */
  detail?: { job: Job; xml: string } | null;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Jobs without a creation time cannot be placed in time: not stored. */
  skipped: number;
}

type Row = Omit<JobsTable, 'search_text' | 'item' | 'detail'> & { item: string; detail: string | null };

/** The columns of a job. */
export function rowOf(bucket: string, { item, detail }: IncomingJob, now: number): Row | null {
  const created = toMs(item.creationTime);
  if (created === null) return null;
  const started = toMs(item.startTime);
  const ended = toMs(item.endTime);
  const finished = item.state === 'Success' || item.state === 'Failed';
  const runSec = finished && started !== null && ended !== null && ended >= started ? (ended - started) / 1000 : null;
  return {
    bucket,
    job_id: item.jobId,
    tag: item.tag,
    state: item.state,
    code: item.code ?? '',
    message: item.message,
    created_ms: created,
    started_ms: started,
    ended_ms: ended,
    run_sec: runSec,
    run_bin: runSec === null ? null : runBin(runSec),
    progress: item.progress === null ? null : Math.round(item.progress),
    queue_id: item.queueId,
    queue_type: item.queueType,
    workflow_id: item.workflows.find((w) => w.workflowId)?.workflowId ?? null,
    input_object: item.input?.object ?? null,
    output_object: item.output?.object ?? null,
    item: JSON.stringify(item),
    detail: detail ? JSON.stringify(detail.job) : null,
    detail_xml: detail?.xml ?? null,
    updated_ms: now,
  };
}

type Held = Pick<
  JobsTable,
  'job_id' | 'tag' | 'state' | 'code' | 'created_ms' | 'run_bin' | 'progress' | 'started_ms' | 'ended_ms' | 'message'
>;

const failedCode = (state: string, code: string) => (state === 'Failed' ? code : '');

export async function writeJobs(
  db: Kysely<IndexDatabase>,
  bucket: string,
  jobs: readonly IncomingJob[],
  now: number,
  also?: (trx: Transaction<IndexDatabase>) => Promise<void>,
  /** false: record no change event (the backfill's old jobs are nobody's live view). */
  { publish = true }: { publish?: boolean } = {},
): Promise<WriteResult> {
  const byId = new Map<string, Row>();
  let skipped = 0;
  for (const job of jobs) {
    const row = rowOf(bucket, job, now);
    if (row) byId.set(row.job_id, row);
    else skipped += 1;
  }
  const rows = [...byId.values()];
  return db.transaction().execute(async (trx) => {
    const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped };
    if (rows.length > 0) await sql`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`.execute(trx);
    if (rows.length > 0) {
      const held = new Map<string, Held>(
        (
          await trx
            .selectFrom('jobs')
            .select([
              'job_id',
              'tag',
              'state',
              'code',
              'created_ms',
              'run_bin',
              'progress',
              'started_ms',
              'ended_ms',
              'message',
            ])
            .where('bucket', '=', bucket)
            .where(
              'job_id',
              'in',
              rows.map((r) => r.job_id),
            )
            .forUpdate()
            .execute()
        ).map((h) => [h.job_id, h]),
      );
      const hours = new Map<string, { hour_ms: number; tag: string; state: string; code: string; jobs: number }>();
      const runs = new Map<string, { hour_ms: number; tag: string; state: string; bin: number; jobs: number }>();
      const days = new Map<string, { day_ms: number; tag: string; state: string; code: string; jobs: number }>();
      const dayRuns = new Map<string, { day_ms: number; tag: string; state: string; bins: Map<number, number> }>();
      const daySlots = new Map<string, { day_ms: number; tag: string; state: string; slots: number[] }>();
      const allSlots = new Map<string, { day_ms: number; state: string; slots: number[] }>();
      const touched = new Set<number>();
      const count = (tag: string, created: number, state: string, code: string, bin: number | null, by: number) => {
        const hour = hourOf(created);
        const day = dayOf(created);
        touched.add(day);
        const c = failedCode(state, code);
        const add = <T extends { jobs: number }>(map: Map<string, T>, key: string, empty: T) => {
          const cell = map.get(key) ?? empty;
          cell.jobs += by;
          map.set(key, cell);
        };
        add(hours, `${hour}\u0000${tag}\u0000${state}\u0000${c}`, { hour_ms: hour, tag, state, code: c, jobs: 0 });
        add(days, `${day}\u0000${tag}\u0000${state}\u0000${c}`, { day_ms: day, tag, state, code: c, jobs: 0 });
        const dk = `${day}\u0000${tag}\u0000${state}`;
        const slots = daySlots.get(dk) ?? { day_ms: day, tag, state, slots: new Array<number>(SLOTS_PER_DAY).fill(0) };
        const slot = Math.floor((created - day) / SLOT_MS);
        slots.slots[slot]! += by;
        daySlots.set(dk, slots);
        const ak = `${day}\u0000${state}`;
        const all = allSlots.get(ak) ?? { day_ms: day, state, slots: new Array<number>(SLOTS_PER_DAY).fill(0) };
        all.slots[slot]! += by;
        allSlots.set(ak, all);
        if (bin === null) return;
        add(runs, `${hour}\u0000${tag}\u0000${state}\u0000${bin}`, { hour_ms: hour, tag, state, bin, jobs: 0 });
        const sketch = dayRuns.get(dk) ?? { day_ms: day, tag, state, bins: new Map<number, number>() };
        sketch.bins.set(bin, (sketch.bins.get(bin) ?? 0) + by);
        dayRuns.set(dk, sketch);
      };
      const changed: Row[] = [];
      for (const row of rows) {
        const old = held.get(row.job_id);
        if (
          old &&
          row.detail === null &&
          old.state === row.state &&
          old.progress === row.progress &&
          old.code === row.code &&
          old.started_ms === row.started_ms &&
          old.ended_ms === row.ended_ms &&
          old.message === row.message &&
          old.tag === row.tag &&
          old.created_ms === row.created_ms
        ) {
          result.unchanged += 1;
          continue;
        }
        changed.push(row);
        if (old) {
          result.updated += 1;
          count(old.tag, old.created_ms, old.state, old.code, old.run_bin, -1);
        } else result.inserted += 1;
        count(row.tag, row.created_ms, row.state, row.code, row.run_bin, +1);
      }
      if (changed.length > 0) {
        await trx
          .insertInto('jobs')
          .values(changed)
          .onConflict((oc) =>
            oc.columns(['bucket', 'job_id']).doUpdateSet((eb) => ({
              tag: eb.ref('excluded.tag'),
              state: eb.ref('excluded.state'),
              code: eb.ref('excluded.code'),
              message: eb.ref('excluded.message'),
              created_ms: eb.ref('excluded.created_ms'),
              started_ms: eb.ref('excluded.started_ms'),
              ended_ms: eb.ref('excluded.ended_ms'),
              run_sec: eb.ref('excluded.run_sec'),
              run_bin: eb.ref('excluded.run_bin'),
              progress: eb.ref('excluded.progress'),
              queue_id: eb.ref('excluded.queue_id'),
              queue_type: eb.ref('excluded.queue_type'),
              workflow_id: eb.ref('excluded.workflow_id'),
              input_object: eb.ref('excluded.input_object'),
              output_object: eb.ref('excluded.output_object'),
              item: eb.ref('excluded.item'),
              // A listing carries no detail: keep the one held while the job has not moved on.
              detail: sql`case when excluded.detail is not null then excluded.detail when jobs.state = excluded.state then jobs.detail end`,
              detail_xml: sql`case when excluded.detail is not null then excluded.detail_xml when jobs.state = excluded.state then jobs.detail_xml end`,
              updated_ms: eb.ref('excluded.updated_ms'),
            })),
          )
          .execute();
      }
      // Sorted by key: two writers (the sync and a callback, on PostgreSQL) lock rollup rows in one order.
      const cells = <T>(map: Map<string, T>) =>
        [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, v]) => v);
      const hourRows = cells(hours)
        .filter((h) => h.jobs !== 0)
        .map((h) => ({ bucket, ...h }));
      if (hourRows.length > 0) {
        await trx
          .insertInto('rollup_hour')
          .values(hourRows)
          .onConflict((oc) =>
            oc
              .columns(['bucket', 'hour_ms', 'tag', 'state', 'code'])
              .doUpdateSet({ jobs: sql`rollup_hour.jobs + excluded.jobs` }),
          )
          .execute();
      }
      const runRows = cells(runs)
        .filter((r) => r.jobs !== 0)
        .map((r) => ({ bucket, ...r }));
      if (runRows.length > 0) {
        await trx
          .insertInto('rollup_run')
          .values(runRows)
          .onConflict((oc) =>
            oc
              .columns(['bucket', 'hour_ms', 'tag', 'state', 'bin'])
              .doUpdateSet({ jobs: sql`rollup_run.jobs + excluded.jobs` }),
          )
          .execute();
      }
      const dayRows = cells(days)
        .filter((d) => d.jobs !== 0)
        .map((d) => ({ bucket, ...d }));
      if (dayRows.length > 0) {
        await trx
          .insertInto('rollup_day')
          .values(dayRows)
          .onConflict((oc) =>
            oc
              .columns(['bucket', 'day_ms', 'tag', 'state', 'code'])
              .doUpdateSet({ jobs: sql`rollup_day.jobs + excluded.jobs` }),
          )
          .execute();
      }
      const slotRows = cells(daySlots)
        .filter((d) => d.slots.some((n) => n !== 0))
        .map((d) => ({ bucket, day_ms: d.day_ms, tag: d.tag, state: d.state, slots: intArray(d.slots) }));
      if (slotRows.length > 0) {
        await trx
          .insertInto('rollup_day_slots')
          .values(slotRows)
          .onConflict((oc) =>
            oc.columns(['bucket', 'day_ms', 'tag', 'state']).doUpdateSet({
              slots: sql`(select array_agg(a + b order by i) from unnest(rollup_day_slots.slots, excluded.slots) with ordinality t(a, b, i))`,
            }),
          )
          .execute();
      }
      const allSlotRows = cells(allSlots)
        .filter((d) => d.slots.some((n) => n !== 0))
        .map((d) => ({ bucket, day_ms: d.day_ms, state: d.state, slots: intArray(d.slots) }));
      if (allSlotRows.length > 0) {
        await trx
          .insertInto('rollup_day_slots_all')
          .values(allSlotRows)
          .onConflict((oc) =>
            oc.columns(['bucket', 'day_ms', 'state']).doUpdateSet({
              slots: sql`(select array_agg(a + b order by i) from unnest(rollup_day_slots_all.slots, excluded.slots) with ordinality t(a, b, i))`,
            }),
          )
          .execute();
      }
      const sketchRows = cells(dayRuns)
        .map((d) => ({ ...d, bins: [...d.bins].filter(([, n]) => n !== 0) }))
        .filter((d) => d.bins.length > 0)
        .map((d) => ({
          bucket,
          day_ms: d.day_ms,
          tag: d.tag,
          state: d.state,
          bins: JSON.stringify(Object.fromEntries(d.bins)),
        }));
      if (sketchRows.length > 0) {
        // The two sketches added bin by bin; bins that come to 0 are dropped, so a sketch stays sparse.
        await trx
          .insertInto('rollup_day_run')
          .values(sketchRows)
          .onConflict((oc) =>
            oc.columns(['bucket', 'day_ms', 'tag', 'state']).doUpdateSet({
              bins: sql`(select coalesce(jsonb_object_agg(k, n), '{}'::jsonb) from (
                select k, sum(v) as n from (
                  select key as k, value::integer as v from jsonb_each_text(rollup_day_run.bins)
                  union all select key, value::integer from jsonb_each_text(excluded.bins)
                ) u group by k having sum(v) <> 0
              ) t)`,
            }),
          )
          .execute();
      }
      if (touched.size > 0) {
        await trx
          .insertInto('rollup_day_rev')
          .values(
            [...touched].sort((a, b) => a - b).map((day_ms) => ({ bucket, day_ms, rev: sql`nextval('rollup_rev')` })),
          )
          .onConflict((oc) => oc.columns(['bucket', 'day_ms']).doUpdateSet({ rev: sql`excluded.rev` }))
          .execute();
      }
      if (publish && changed.length > 0) await recordEvents(trx, bucket, changed, now);
    }
    if (also) await also(trx);
    return result;
  });
}

/** The changes of a batch as events (per tag, at most EVENT_JOBS each), announced at commit. */
async function recordEvents(trx: Transaction<IndexDatabase>, bucket: string, changed: readonly Row[], now: number) {
  const byTag = new Map<string, JobChange[]>();
  for (const row of changed) {
    const list = byTag.get(row.tag) ?? [];
    list.push({ id: row.job_id, state: row.state });
    byTag.set(row.tag, list);
  }
  const events = [...byTag].flatMap(([tag, jobs]) => {
    const out = [];
    for (let i = 0; i < jobs.length; i += EVENT_JOBS)
      out.push({ at_ms: now, bucket, tag, jobs: JSON.stringify(jobs.slice(i, i + EVENT_JOBS)) });
    return out;
  });
  const inserted = await trx.insertInto('job_events').values(events).returning('seq').execute();
  const newest = Math.max(...inserted.map((r) => Number(r.seq)));
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${String(newest)})`.execute(trx);
}

/**
 * Drops what is older than the retention (whole UTC days, so every rollup and the rows it counts go
 * together). Returns the number of jobs removed.
 */
export async function pruneBefore(db: Kysely<IndexDatabase>, bucket: string, cutoffMs: number): Promise<number> {
  const day = dayOf(cutoffMs);
  return db.transaction().execute(async (trx) => {
    const removed = await trx
      .deleteFrom('jobs')
      .where('bucket', '=', bucket)
      .where('created_ms', '<', day)
      .executeTakeFirst();
    await trx.deleteFrom('rollup_hour').where('bucket', '=', bucket).where('hour_ms', '<', day).execute();
    await trx.deleteFrom('rollup_run').where('bucket', '=', bucket).where('hour_ms', '<', day).execute();
    for (const table of [
      'rollup_day',
      'rollup_day_run',
      'rollup_day_slots',
      'rollup_day_slots_all',
      'rollup_day_rev',
    ] as const)
      await trx.deleteFrom(table).where('bucket', '=', bucket).where('day_ms', '<', day).execute();
    return Number(removed.numDeletedRows);
  });
}
