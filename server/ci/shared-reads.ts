/**
 * The cache of CI reads shared by replicas (DATABASE_URL): identical reads from any replica within
 * one refresh window cost one CI call, as they do within one process (server/ci/coalesce.ts).
 *
 * Single flight across processes by a claimed row (table `ci_reads`, keyed by a hash of the bucket
 * and the request): the first process to ask inserts the row with no value (INSERT … ON CONFLICT,
 * so exactly one wins), asks CI and writes the answer with its expiry; the others read the row until
 * the answer is there. A claim whose owner died (a crash mid-call) goes to the next asker once it is
 * older than the longest a call can take. A failed call deletes its claim rather than keeping the
 * failure: each waiting process then asks once itself. All times are the database's clock, so
 * replicas on several machines agree on what is fresh.
 *
 * If the database cannot be reached, reads go to CI directly (each process still coalesces its
 * own): a store outage costs CI calls, never answers.
 */
import 'server-only';

import { createHash, randomUUID } from 'node:crypto';

import { sql, type Kysely } from 'kysely';

import type { IndexDatabase } from '@/server/index/schema';

type Db = Kysely<IndexDatabase>;

/** A shared answer: its value and until when it is fresh, by this process's clock. */
export interface SharedAnswer<T> {
  value: T;
  expires: number;
}

export interface SharedReadsOptions {
  /** The store, awaited at each read (it may still be opening). */
  db: () => Promise<Db>;
  /** A claim older than this is taken over (its owner is gone): the longest one CI read can take. */
  claimTimeoutMs: number;
  /** How often a waiting process looks for the answer (default 25 ms). */
  pollMs?: number;
}

const NOW_MS = sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`;

export class SharedReads {
  /** Names this process's claims. */
  private readonly owner = randomUUID();
  private lastSweep = 0;
  private warned = false;

  constructor(private readonly options: SharedReadsOptions) {}

  /** The row key: a hash, as a read's path may list many job IDs. */
  static key(scope: string, request: string): string {
    return createHash('sha256').update(scope).update('\n').update(request).digest('base64url');
  }

  async get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<SharedAnswer<T>> {
    let db: Db;
    try {
      db = await this.options.db();
    } catch (error) {
      return this.direct(load, ttlMs, error);
    }
    const giveUpAt = Date.now() + this.options.claimTimeoutMs * 2;
    for (;;) {
      let claimed: boolean;
      try {
        const fresh = await this.fresh<T>(db, key);
        if (fresh) return fresh;
        claimed = await this.claim(db, key);
      } catch (error) {
        return this.direct(load, ttlMs, error);
      }
      if (claimed) return this.loadClaimed(db, key, ttlMs, load);
      // Another process is asking CI: wait for its answer (or for its claim to fail or go stale).
      if (Date.now() > giveUpAt) return this.direct(load, ttlMs, new Error('waited too long for another replica'));
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 25));
    }
  }

  private async fresh<T>(db: Db, key: string): Promise<SharedAnswer<T> | null> {
    const row = await db
      .selectFrom('ci_reads')
      .select(['value', 'expires_ms', NOW_MS.as('now_ms')])
      .where('key', '=', key)
      .executeTakeFirst();
    if (!row || row.value === null || Number(row.expires_ms) <= Number(row.now_ms)) return null;
    return { value: JSON.parse(row.value) as T, expires: Date.now() + (Number(row.expires_ms) - Number(row.now_ms)) };
  }

  /** Takes the row for this process when it is missing, stale, or claimed by a process gone quiet. */
  private async claim(db: Db, key: string): Promise<boolean> {
    const { rows } = await sql<{ owner: string }>`
      insert into ci_reads as r (key, owner, value, claimed_ms, expires_ms)
      values (${key}, ${this.owner}, null, ${NOW_MS}, 0)
      on conflict (key) do update
        set owner = excluded.owner, value = null, claimed_ms = excluded.claimed_ms, expires_ms = 0
        where (r.value is not null and r.expires_ms <= excluded.claimed_ms)
           or (r.value is null and r.claimed_ms < excluded.claimed_ms - ${this.options.claimTimeoutMs})
      returning owner`.execute(db);
    return rows[0]?.owner === this.owner;
  }

  private async loadClaimed<T>(db: Db, key: string, ttlMs: number, load: () => Promise<T>): Promise<SharedAnswer<T>> {
    let value: T;
    try {
      value = await load();
    } catch (error) {
      // Not kept: the waiting processes see the claim gone and ask themselves.
      await db
        .deleteFrom('ci_reads')
        .where('key', '=', key)
        .where('owner', '=', this.owner)
        .execute()
        .catch(() => undefined);
      throw error;
    }
    try {
      const row = await db
        .updateTable('ci_reads')
        .set({ value: JSON.stringify(value), expires_ms: sql<number>`${NOW_MS} + ${ttlMs}` })
        .where('key', '=', key)
        .where('owner', '=', this.owner)
        .returning(['expires_ms', NOW_MS.as('now_ms')])
        .executeTakeFirst();
      this.sweep(db);
      const left = row ? Number(row.expires_ms) - Number(row.now_ms) : ttlMs;
      return { value, expires: Date.now() + left };
    } catch (error) {
      this.warn(error);
      return { value, expires: Date.now() + ttlMs };
    }
  }

  /** CI directly, when the store cannot be used. */
  private async direct<T>(load: () => Promise<T>, ttlMs: number, cause: unknown): Promise<SharedAnswer<T>> {
    this.warn(cause);
    return { value: await load(), expires: Date.now() + ttlMs };
  }

  private warn(error: unknown) {
    if (this.warned) return;
    this.warned = true;
    console.warn(
      `[ci] the shared read cache is unavailable (${error instanceof Error ? error.message : String(error)}); reading CI directly until it is back`,
    );
  }

  /** Drops answers long expired and claims long abandoned, at most once a minute per process. */
  private sweep(db: Db) {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    void db
      .deleteFrom('ci_reads')
      .where(sql<boolean>`expires_ms < ${NOW_MS} - 60000 and claimed_ms < ${NOW_MS} - ${this.options.claimTimeoutMs}`)
      .execute()
      .catch(() => undefined);
  }
}
