/**
 * The index's store: PGlite under the data directory by default, or PostgreSQL at DATABASE_URL —
 * one schema (schema.ts), one set of migrations (migrations.ts), one query builder (Kysely), so
 * every query in server/index runs unchanged on both. Migrations run when the store opens.
 */
import 'server-only';

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';

import { migrations } from './migrations';
import { PGlitePool } from './pglite-pool';
import type { IndexDatabase } from './schema';

export interface JobStore {
  db: Kysely<IndexDatabase>;
  kind: 'pglite' | 'postgres';
  /** The PostgreSQL pool behind `db` (rate-limiter-flexible speaks to it directly); null with PGlite. */
  pgPool: import('pg').Pool | null;
  /**
   * Takes the sync's lock for this process (a session advisory lock, so one process syncs when
   * several share a DATABASE_URL). PGlite belongs to this process alone: always true.
   */
  trySyncLock(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… ; null: the embedded store. */
  databaseUrl: string | null;
  /** The embedded store's directory; null keeps it in memory (tests). */
  pgliteDir: string | null;
}

/** int8 and numeric as numbers: times in ms and counts all fit in 2^53. */
const NUMERIC_OIDS = [20, 1700];
const SYNC_LOCK_KEY = 0x1d_c1_0b5; // any constant shared by every process of this dashboard

export async function openStore(options: StoreOptions): Promise<JobStore> {
  const store = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPGlite(options.pgliteDir);
  try {
    const { error, results } = await new Migrator({ db: store.db, provider: migrations }).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'a migration';
      throw new Error(`The job index could not migrate its store (${failed}): ${(error as Error).message ?? error}`);
    }
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

async function openPGlite(dir: string | null): Promise<JobStore> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const unlock = dir ? lockDir(dir) : () => undefined;
  try {
    const parsers = Object.fromEntries(NUMERIC_OIDS.map((oid) => [oid, (v: string) => Number(v)]));
    const pglite = await PGlite.create(dir ?? undefined, { extensions: { pg_trgm }, parsers });
    const db = new Kysely<IndexDatabase>({ dialect: new PostgresDialect({ pool: new PGlitePool(pglite) }) });
    return {
      db,
      kind: 'pglite',
      pgPool: null,
      trySyncLock: () => Promise.resolve(true),
      close: async () => {
        await db.destroy();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * PGlite's files belong to one process: a second server on the same DASHBOARD_DATA_DIR would
 * corrupt them. A lock file with the owner's pid (taken over when that process is gone) says so.
 */
const OPEN_DIRS = Symbol.for('ci-jobs-dashboard.pglite-dirs');

function lockDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '..', `${path.basename(dir)}.lock`);
  // Opened in this process already (the pid in the file cannot tell: a container restarts as pid 1).
  const g = globalThis as { [OPEN_DIRS]?: Set<string> };
  const open = (g[OPEN_DIRS] ??= new Set());
  if (open.has(file)) throw new Error(`the embedded store at ${dir} is already open in this process`);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      open.add(file);
      return () => {
        open.delete(file);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new Error(
          `the embedded store at ${dir} is in use by process ${owner}; give each server its own DASHBOARD_DATA_DIR, or share a PostgreSQL server with DATABASE_URL`,
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new Error(`could not lock the embedded store at ${dir}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string): Promise<JobStore> {
  const pg = (await import('pg')).default;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      NUMERIC_OIDS.includes(oid)
        ? (v: string) => Number(v)
        : (pg.types.getTypeParser(oid, format) as unknown)) as never,
  };
  const pool = new pg.Pool({ connectionString: url, max: 4, types });
  // An idle client's error (the server restarting) must not crash the process; the next query reconnects.
  pool.on('error', (error) => console.error('[index] PostgreSQL connection error:', error.message));
  const db = new Kysely<IndexDatabase>({ dialect: new PostgresDialect({ pool }) });
  let lockClient: import('pg').PoolClient | null = null;
  return {
    db,
    kind: 'postgres',
    pgPool: pool,
    async trySyncLock() {
      if (lockClient) return true;
      const client = await pool.connect();
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SYNC_LOCK_KEY]);
      if (rows[0]?.ok) {
        lockClient = client; // held for the life of the process: the lock is this session's
        return true;
      }
      client.release();
      return false;
    },
    async close() {
      lockClient?.release();
      lockClient = null;
      await db.destroy();
    },
  };
}

/** A quick check that the store answers (health, tests). */
export async function ping(db: Kysely<IndexDatabase>): Promise<void> {
  await sql`select 1`.execute(db);
}
