/**
 * P6's million-job embedded store, filled in bulk: the rows are built as the write path builds them
 * (server/index/write.ts rowOf, from the list item a listing would give), loaded with COPY in
 * chunks while the jobs table's secondary indexes are dropped, and the rollups are then computed
 * from the rows by fillRollupsFromRows (server/index/migrations.ts) — the same SQL the migrations
 * use to fill rollups from stored rows, which tests/unit/index/rollups.test.ts checks against what
 * the writes build. So the store holds what a sync of the same jobs would leave, in minutes rather
 * than the 45 the write path took (a transaction, a lock and five upserts per batch).
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect, sql } from 'kysely';

import { fillRollupsFromRows } from '../server/index/migrations';
import { PGlitePool } from '../server/index/pglite-pool';
import type { IndexDatabase } from '../server/index/schema';
import { rowOf, type IncomingJob } from '../server/index/write';

/** The jobs table's columns as COPY writes them (search_text is generated). */
export const JOB_COLUMNS = [
  'bucket',
  'job_id',
  'tag',
  'state',
  'code',
  'message',
  'created_ms',
  'started_ms',
  'ended_ms',
  'run_sec',
  'run_bin',
  'progress',
  'queue_id',
  'queue_type',
  'workflow_id',
  'input_object',
  'output_object',
  'item',
  'detail',
  'detail_xml',
  'updated_ms',
] as const;

const ROLLUP_TABLES = [
  'rollup_hour',
  'rollup_run',
  'rollup_day',
  'rollup_day_run',
  'rollup_day_slots',
  'rollup_day_slots_all',
  'rollup_day_rev',
] as const;

/** COPY's text format: \N for null; backslash, tab, newline and CR escaped. */
function field(v: string | number | null): string {
  if (v === null || v === undefined) return '\\N';
  return String(v).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

const CHUNK = 50_000;

/**
 * Replaces what the embedded store at `dir` (migrated already) holds with `jobs`, rollups included.
 * Returns the number of jobs stored.
 */
export async function bulkFillPGlite(
  dir: string,
  bucket: string,
  jobs: Iterable<IncomingJob>,
  now: number,
  log: (m: string) => void,
): Promise<number> {
  const pglite = await PGlite.create(dir, { extensions: { pg_trgm } });
  const db = new Kysely<IndexDatabase>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
  try {
    const started = performance.now();
    await sql`truncate jobs`.execute(db);
    for (const t of ROLLUP_TABLES) await sql`truncate ${sql.id(t)}`.execute(db);
    // Indexes built once after the load are many times faster than kept current row by row.
    const indexes = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where tablename = 'jobs' and indexname <> 'jobs_pk'`.execute(db);
    for (const { name } of indexes.rows) await sql`drop index ${sql.id(name)}`.execute(db);
    // The primary key too: a million random job IDs inserted into it one by one cost most of the load.
    await sql`alter table jobs drop constraint jobs_pk`.execute(db);
    let written = 0;
    let lines: string[] = [];
    const flush = async () => {
      if (lines.length === 0) return;
      const blob = new Blob([lines.join('')]);
      lines = [];
      await pglite.query(`copy jobs (${JOB_COLUMNS.join(', ')}) from '/dev/blob'`, [], { blob });
      log(
        `P6 fill: ${written.toLocaleString('en')} rows copied (${Math.round(written / ((performance.now() - started) / 1000))} rows/s)`,
      );
    };
    for (const job of jobs) {
      const row = rowOf(bucket, job, now);
      if (!row) continue;
      lines.push(`${JOB_COLUMNS.map((c) => field(row[c])).join('\t')}\n`);
      written += 1;
      if (lines.length === CHUNK) await flush();
    }
    await flush();
    let t = performance.now();
    await fillRollupsFromRows(db);
    log(`P6 fill: rollups computed from the rows in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    t = performance.now();
    await sql`alter table jobs add constraint jobs_pk primary key (bucket, job_id)`.execute(db);
    for (const { def } of indexes.rows) await sql.raw(def).execute(db);
    await sql`analyze`.execute(db);
    log(`P6 fill: indexes built in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    await sql`checkpoint`.execute(db);
    log(
      `P6 fill: ${written.toLocaleString('en')} jobs in ${((performance.now() - started) / 1000).toFixed(0)} s (bulk load)`,
    );
    return written;
  } finally {
    await db.destroy();
  }
}
