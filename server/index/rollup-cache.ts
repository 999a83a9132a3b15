/**
 * What an overview read from the rollups of whole hours and days (failures by code and tag, run-time
 * bins by tag), kept for the next reader of the same filters and span. Overviews are polled (every
 * viewer, every few seconds) and their whole hours and days change only when a write touches them;
 * merging 30 days of run-time sketches is most of a 30-day overview's time. An entry is used only
 * while the span's days have the revisions it was read at (rollup_day_rev: one small indexed read),
 * so the answer stays exact — on any replica, whichever process wrote.
 */
import 'server-only';

import { sql, type Kysely } from 'kysely';

import { DAY_MS, type IndexDatabase } from './schema';

export interface RollupRead {
  failures: { code: string; tag: string; n: number }[];
  runs: { tag: string; bin: number; n: number }[];
}

/** Entries per store: one per filter and window in use, a few each; the oldest is dropped. */
const MAX_ENTRIES = 64;
const caches = new WeakMap<Kysely<IndexDatabase>, Map<string, { stamp: string; value: RollupRead }>>();

/** Forgets what was kept for a store (the bench times a read of the rollups themselves). */
export function forgetRollupReads(db: Kysely<IndexDatabase>): void {
  caches.delete(db);
}

/**
 * `read`'s answer for the days [fromMs, toMs) of `bucket` under `key` (the filters and span), from
 * the cache when no day of the span has changed since.
 */
export async function cachedRollupRead(
  db: Kysely<IndexDatabase>,
  bucket: string,
  key: string,
  fromMs: number,
  toMs: number,
  read: () => Promise<RollupRead>,
): Promise<RollupRead> {
  // Read before the rollups: a write in between makes the entry look older than it is, never newer.
  const row = await db
    .selectFrom('rollup_day_rev')
    .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(max(rev), 0)`.as('rev')])
    .where('bucket', '=', bucket)
    .where('day_ms', '>=', Math.floor(fromMs / DAY_MS) * DAY_MS)
    .where('day_ms', '<', toMs)
    .executeTakeFirst();
  const stamp = `${row?.n ?? 0}/${row?.rev ?? 0}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, { stamp: string; value: RollupRead }>()));
  const full = `${bucket}\u0000${key}`;
  const hit = cache.get(full);
  if (hit && hit.stamp === stamp) {
    // Most recently used last: Map keeps insertion order.
    cache.delete(full);
    cache.set(full, hit);
    return hit.value;
  }
  const value = await read();
  cache.delete(full);
  cache.set(full, { stamp, value });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}
