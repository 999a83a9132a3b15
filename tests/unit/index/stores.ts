/**
 * The stores every index suite runs against: the embedded PGlite (always), and a real PostgreSQL
 * server when TEST_DATABASE_URL names one (any database on it; .ci/run sets it). Each opened
 * PostgreSQL store gets a database of its own, dropped when the store closes.
 */
import { randomBytes } from 'node:crypto';

import { sql } from 'kysely';
import pg from 'pg';

import { openStore, type JobStore } from '@/server/index/store';

export interface StoreTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<JobStore>;
}

const URL_VAR = 'TEST_DATABASE_URL';
const serverUrl = process.env[URL_VAR]?.trim() || null;

export const storeTargets: StoreTarget[] = [
  { name: 'pglite', open: () => openStore({ databaseUrl: null, pgliteDir: null }) },
  ...(serverUrl ? [{ name: 'postgres' as const, open: () => openPostgresStore(serverUrl) }] : []),
];

if (!serverUrl) {
  console.warn(`[index tests] ${URL_VAR} is not set: the PostgreSQL half of the store suites was not run`);
}

async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

async function openPostgresStore(url: string): Promise<JobStore> {
  const name = `index_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await admin(url, (c) => c.query(`create database ${name}`));
  // Not `new URL`: a socket URL (postgres://root@/db?host=/var/run/postgresql) has no host to parse.
  const target = url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
  const store = await openStore({ databaseUrl: target, pgliteDir: null });
  return {
    ...store,
    async close() {
      await store.close();
      await admin(url, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/** Empties every table, so the tests of a file share one store (a new PGlite takes seconds to create). */
export async function resetStore(store: JobStore): Promise<void> {
  await sql`truncate jobs, rollup_hour, rollup_run, rollup_day, rollup_day_run, rollup_day_slots, rollup_day_slots_all, rollup_day_rev, sync_tag, job_events, saved_views, session_revocations, ci_reads, rate_limits, store_imports`.execute(
    store.db,
  );
}
