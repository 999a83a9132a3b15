/**
 * The index's migrations, run at start by Kysely's Migrator on either store. Add a new entry for
 * every change; never edit one that has shipped.
 */
import 'server-only';

import { sql, type Kysely, type Migration, type MigrationProvider, type QueryExecutorProvider } from 'kysely';

const init: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await db.schema
      .createTable('jobs')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('job_id', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('message', 'text')
      .addColumn('created_ms', 'bigint', (c) => c.notNull())
      .addColumn('started_ms', 'bigint')
      .addColumn('ended_ms', 'bigint')
      .addColumn('run_sec', 'double precision')
      .addColumn('run_bin', 'integer')
      .addColumn('progress', 'integer')
      .addColumn('queue_id', 'text')
      .addColumn('queue_type', 'text')
      .addColumn('workflow_id', 'text')
      .addColumn('input_object', 'text')
      .addColumn('output_object', 'text')
      .addColumn('search_text', 'text', (c) =>
        c
          .generatedAlwaysAs(
            sql`lower(coalesce(input_object, '') || chr(10) || coalesce(output_object, '') || chr(10) || coalesce(message, ''))`,
          )
          .stored(),
      )
      .addColumn('item', 'jsonb', (c) => c.notNull())
      .addColumn('detail', 'jsonb')
      .addColumn('detail_xml', 'text')
      .addColumn('updated_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('jobs_pk', ['bucket', 'job_id'])
      .execute();
    // The list's keyset orders (all tags, one tag), the failure filter and the unfinished refresh.
    await sql`create index jobs_created on jobs (bucket, created_ms, job_id)`.execute(db);
    await sql`create index jobs_tag_created on jobs (bucket, tag, created_ms, job_id)`.execute(db);
    await sql`create index jobs_code_created on jobs (bucket, code, created_ms) where code <> '' and code <> 'Success'`.execute(
      db,
    );
    await sql`create index jobs_unfinished on jobs (bucket, tag, state, created_ms) where state in ('Submitted', 'Running', 'Pause')`.execute(
      db,
    );
    await sql`create index jobs_search on jobs using gin (search_text gin_trgm_ops)`.execute(db);

    await db.schema
      .createTable('rollup_hour')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('hour_ms', 'bigint', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('jobs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_hour_pk', ['bucket', 'hour_ms', 'tag', 'state', 'code'])
      .execute();
    await db.schema
      .createTable('rollup_run')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('hour_ms', 'bigint', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('bin', 'integer', (c) => c.notNull())
      .addColumn('jobs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_run_pk', ['bucket', 'hour_ms', 'tag', 'state', 'bin'])
      .execute();
    await db.schema
      .createTable('sync_tag')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('backfill_from_ms', 'bigint', (c) => c.notNull())
      .addColumn('backfill_at_ms', 'bigint', (c) => c.notNull())
      .addColumn('backfill_until_ms', 'bigint', (c) => c.notNull())
      .addColumn('backfill_done', 'boolean', (c) => c.notNull())
      .addColumn('follow_ms', 'bigint', (c) => c.notNull())
      .addColumn('followed_at_ms', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_tag_pk', ['bucket', 'tag'])
      .execute();
  },
};

/**
 * What changed in the index, for live push (server/events): one row per written batch and tag, in
 * commit order (writes take one lock, write.ts), pruned by age. A browser that reconnects with the
 * last id it saw reads what it missed from here, on whichever replica it reaches.
 */
const jobEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('job_events')
      .addColumn('seq', 'bigserial', (c) => c.primaryKey())
      .addColumn('at_ms', 'bigint', (c) => c.notNull())
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('jobs', 'jsonb', (c) => c.notNull())
      .execute();
    await sql`create index job_events_at on job_events (at_ms)`.execute(db);
  },
};

/** What replicas share (schema.ts, "The state replicas share"). */
const sharedState: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('saved_views')
      .addColumn('user_name', 'text', (c) => c.primaryKey())
      .addColumn('views', 'jsonb', (c) => c.notNull())
      .addColumn('updated_ms', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('session_revocations')
      .addColumn('session_id', 'text', (c) => c.primaryKey())
      .addColumn('expires_s', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('ci_reads')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('claimed_ms', 'bigint', (c) => c.notNull())
      .addColumn('expires_ms', 'bigint', (c) => c.notNull())
      .execute();
    // rate-limiter-flexible's own layout (RateLimiterPostgres._getCreateTableStmt), made here so
    // the library need not create tables at run time.
    await db.schema
      .createTable('rate_limits')
      .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
      .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('expire', 'bigint')
      .execute();
    await db.schema
      .createTable('store_imports')
      .addColumn('source', 'text', (c) => c.primaryKey())
      .addColumn('done_ms', 'bigint', (c) => c.notNull())
      .execute();
  },
};

/**
 * Daily rollups beside the hourly ones, so a 30-day overview reads about 30 rows per cell rather
 * than 720 (and a day's run-time sketch rather than its hours × bins): counts per day, the run-time
 * histogram per day and tag, and each day's jobs per quarter hour for the bars in the viewer's zone.
 * Filled from what the store holds already.
 */
const dailyRollups: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rollup_day')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('day_ms', 'bigint', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('jobs', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_day_pk', ['bucket', 'day_ms', 'tag', 'state', 'code'])
      .execute();
    await db.schema
      .createTable('rollup_day_run')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('day_ms', 'bigint', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('bins', 'jsonb', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_day_run_pk', ['bucket', 'day_ms', 'tag', 'state'])
      .execute();
    await db.schema
      .createTable('rollup_day_slots')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('day_ms', 'bigint', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('slots', sql`integer[]`, (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_day_slots_pk', ['bucket', 'day_ms', 'tag', 'state'])
      .execute();
    await fillDailyRollups(db);
  },
};

/**
 * The daily rollups from what the store holds: the hourly rollups count the same jobs (cells and
 * run bins); the quarter-hour slots need the rows. Exported for the test that compares it with
 * what the writes build.
 */
export async function fillDailyRollups(db: QueryExecutorProvider): Promise<void> {
  await sql`
    insert into rollup_day (bucket, day_ms, tag, state, code, jobs)
    select bucket, (hour_ms / 86400000) * 86400000, tag, state, code, sum(jobs)
    from rollup_hour group by 1, 2, 3, 4, 5 having sum(jobs) <> 0`.execute(db);
  await sql`
    insert into rollup_day_run (bucket, day_ms, tag, state, bins)
    select bucket, day_ms, tag, state, jsonb_object_agg(bin::text, n)
    from (
      select bucket, (hour_ms / 86400000) * 86400000 as day_ms, tag, state, bin, sum(jobs) as n
      from rollup_run group by 1, 2, 3, 4, 5 having sum(jobs) <> 0
    ) b
    group by 1, 2, 3, 4`.execute(db);
  await sql`
    with q as (
      select bucket, (created_ms / 86400000) * 86400000 as day_ms, tag, state,
        ((created_ms % 86400000) / 900000)::integer as slot, count(*) as n
      from jobs group by 1, 2, 3, 4, 5
    ), k as (select distinct bucket, day_ms, tag, state from q)
    insert into rollup_day_slots (bucket, day_ms, tag, state, slots)
    select k.bucket, k.day_ms, k.tag, k.state, array_agg(coalesce(q.n, 0)::integer order by s.i)
    from k cross join generate_series(0, 95) s(i)
    left join q on q.bucket = k.bucket and q.day_ms = k.day_ms and q.tag = k.tag and q.state = k.state and q.slot = s.i
    group by 1, 2, 3, 4`.execute(db);
}

/**
 * What the 30-day overview of a million jobs needs to answer in tens of milliseconds: the day slots
 * summed over tags (schema.ts RollupDaySlotsAllTable) and each day's revision (RollupDayRevTable),
 * both filled from the rollups held.
 */
const allTagSlots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('rollup_day_slots_all')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('day_ms', 'bigint', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('slots', sql`integer[]`, (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_day_slots_all_pk', ['bucket', 'day_ms', 'state'])
      .execute();
    await sql`create sequence rollup_rev`.execute(db);
    await db.schema
      .createTable('rollup_day_rev')
      .addColumn('bucket', 'text', (c) => c.notNull())
      .addColumn('day_ms', 'bigint', (c) => c.notNull())
      .addColumn('rev', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('rollup_day_rev_pk', ['bucket', 'day_ms'])
      .execute();
    await fillAllTagSlots(db);
  },
};

/** rollup_day_slots_all from rollup_day_slots, slot by slot; a first revision for every day held. */
export async function fillAllTagSlots(db: QueryExecutorProvider): Promise<void> {
  await sql`
    insert into rollup_day_slots_all (bucket, day_ms, state, slots)
    select bucket, day_ms, state, array_agg(n order by i)
    from (
      select bucket, day_ms, state, i, sum(v)::integer as n
      from rollup_day_slots, unnest(slots) with ordinality u(v, i)
      group by 1, 2, 3, 4
    ) s
    group by 1, 2, 3`.execute(db);
  await sql`
    insert into rollup_day_rev (bucket, day_ms, rev)
    select bucket, day_ms, nextval('rollup_rev') from (select distinct bucket, day_ms from rollup_day) d`.execute(db);
}

/**
 * Every rollup from the rows alone, into empty rollup tables: the hourly cells and run bins counted
 * as write.ts counts them (a Failed job's code, '' for other states; run bins of jobs that have
 * one), then the daily tables as migration 0004 fills them. A bulk load (bench/p6-fill.ts) writes
 * rows without the write path and calls this; tests/unit/index/rollups.test.ts checks it gives the
 * tables the writes build.
 */
export async function fillRollupsFromRows(db: QueryExecutorProvider): Promise<void> {
  await sql`
    insert into rollup_hour (bucket, hour_ms, tag, state, code, jobs)
    select bucket, (created_ms / 3600000) * 3600000, tag, state,
      case when state = 'Failed' then code else '' end, count(*)
    from jobs group by 1, 2, 3, 4, 5`.execute(db);
  await sql`
    insert into rollup_run (bucket, hour_ms, tag, state, bin, jobs)
    select bucket, (created_ms / 3600000) * 3600000, tag, state, run_bin, count(*)
    from jobs where run_bin is not null group by 1, 2, 3, 4, 5`.execute(db);
  await fillDailyRollups(db);
  await fillAllTagSlots(db);
}

export const migrations: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve({
      '0001_init': init,
      '0002_shared_state': sharedState,
      '0003_job_events': jobEvents,
      '0004_daily_rollups': dailyRollups,
      '0005_all_tag_slots': allTagSlots,
    }),
};
