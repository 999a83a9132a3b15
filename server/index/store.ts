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
   * Takes the sync leader's lock (a session-level advisory lock on a connection of its own, so one
   * replica syncs when several share a DATABASE_URL); null while another process holds it. PGlite
   * belongs to this process alone: it always leads.
   */
  trySyncLock(): Promise<SyncLease | null>;
  /**
   * LISTENs on a channel (a connection of its own on PostgreSQL; PGlite's in-process listen) and
   * calls `onNotify` with each payload — and with '' after a lost connection is back, since
   * notifications sent meanwhile are gone. Returns how to stop.
   */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The sync leader's lock, held until released or until its connection is gone. */
export interface SyncLease {
  /** Called once, when the lock is lost (its connection closed or stopped answering). */
  onLost(listener: (reason: string) => void): void;
  release(): Promise<void>;
}

/** How often the leader checks that its lock's connection still answers, and how long it waits. */
const LEASE_CHECK_MS = 5_000;
/** How long a lost LISTEN connection waits before connecting again. */
const RELISTEN_MS = 2_000;

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
      trySyncLock: () => Promise.resolve({ onLost: () => undefined, release: () => Promise.resolve() }),
      async listen(channel, onNotify) {
        const stop = await pglite.listen(channel, onNotify);
        return stop;
      },
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
  const connect = async () => {
    const client = new pg.Client({ connectionString: url, keepAlive: true });
    // Without a listener an 'error' (the server restarting) would crash the process.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  // The lock's own connection: the lock lives as long as this session, and no pooled query shares it.
  let lockClient: import('pg').Client | null = null;
  let lease: PgLease | null = null;
  const listeners = new Set<() => Promise<void>>();
  return {
    db,
    kind: 'postgres',
    pgPool: pool,
    async trySyncLock() {
      if (lease && !lease.lost) return lease;
      lockClient ??= await connect();
      const client = lockClient;
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SYNC_LOCK_KEY]);
        if (!rows[0]?.ok) return null; // kept open for the next try
      } catch (error) {
        lockClient = null;
        await client.end().catch(() => undefined);
        throw error;
      }
      lockClient = null; // the lease owns it now
      lease = new PgLease(client);
      return lease;
    },
    async listen(channel, onNotify) {
      let client: import('pg').Client | null = null;
      let stopped = false;
      let retry: NodeJS.Timeout | null = null;
      const open = async (again: boolean) => {
        retry = null;
        if (stopped) return;
        try {
          const c = await connect();
          const lost = () => {
            if (client !== c) return;
            client = null;
            void c.end().catch(() => undefined);
            if (!stopped) retry = setTimeout(() => void open(true), RELISTEN_MS);
          };
          c.on('error', lost);
          c.on('end', lost);
          c.on('notification', (n) => onNotify(n.payload ?? ''));
          client = c;
          await c.query(`listen ${quoteIdent(channel)}`);
          if (stopped) await c.end();
          else if (again) onNotify('');
        } catch {
          if (!stopped) retry = setTimeout(() => void open(true), RELISTEN_MS);
        }
      };
      await open(false);
      const stop = async () => {
        stopped = true;
        listeners.delete(stop);
        if (retry) clearTimeout(retry);
        const c = client;
        client = null;
        await c?.end().catch(() => undefined);
      };
      listeners.add(stop);
      return stop;
    },
    async close() {
      await lease?.release();
      lease = null;
      await lockClient?.end().catch(() => undefined);
      lockClient = null;
      for (const stop of [...listeners]) await stop();
      await db.destroy();
    },
  };
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The leader's lock on PostgreSQL: lost when its connection ends or errors, or when a check
 * (select 1, every LEASE_CHECK_MS) goes unanswered that long — a leader cut off from the server
 * stops syncing about as soon as the server frees its lock for another replica.
 */
class PgLease implements SyncLease {
  lost: string | null = null;
  private readonly listeners: ((reason: string) => void)[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly client: import('pg').Client) {
    client.on('error', (error: Error) => this.lose(`the lock's connection failed: ${error.message}`));
    client.on('end', () => this.lose("the lock's connection closed"));
    this.timer = setInterval(() => void this.check(), LEASE_CHECK_MS);
    this.timer.unref();
  }

  private async check() {
    if (this.lost) return;
    let timeout: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('no answer')), LEASE_CHECK_MS);
    });
    try {
      await Promise.race([this.client.query('select 1'), late]);
    } catch (error) {
      this.lose(`the lock's connection stopped answering: ${(error as Error).message}`);
    } finally {
      clearTimeout(timeout);
    }
  }

  private lose(reason: string) {
    if (this.lost) return;
    this.lost = reason;
    clearInterval(this.timer);
    // Closing it makes sure the server frees the lock even if the connection only hangs.
    void this.client.end().catch(() => undefined);
    for (const l of this.listeners) l(reason);
  }

  onLost(listener: (reason: string) => void) {
    if (this.lost) listener(this.lost);
    else this.listeners.push(listener);
  }

  async release() {
    if (this.lost) return;
    this.lost = 'released';
    clearInterval(this.timer);
    await this.client.end().catch(() => undefined);
  }
}

/** A quick check that the store answers (health, tests). */
export async function ping(db: Kysely<IndexDatabase>): Promise<void> {
  await sql`select 1`.execute(db);
}
