/**
 * The index's migrations, run at start by Kysely's Migrator on either store. Add a new entry for
 * every change; never edit one that has shipped.
 */
import 'server-only';

import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

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

export const migrations: MigrationProvider = {
  getMigrations: () =>
    Promise.resolve({ '0001_init': init, '0002_shared_state': sharedState, '0003_job_events': jobEvents }),
};
