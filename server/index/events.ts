/**
 * The index's change log (job_events, written by write.ts with every batch that changed jobs): what
 * live push (server/events) forwards to browsers, and what one that reconnects reads to catch up.
 *
 * Pruning removes a prefix of ids (everything before the oldest event young enough to keep, and
 * never the newest), so the log always holds every event from its oldest id on: a client whose
 * last id is older than that may have missed something and is told to start over ("reset").
 */
import 'server-only';

import type { Kysely } from 'kysely';

import type { IndexDatabase, JobChange } from './schema';

/** How long a change stays resumable: a browser away longer refetches what it shows instead. */
export const EVENTS_KEEP_MS = 10 * 60_000;
/** The most events a reconnecting client is sent; past that it refetches ("reset"). */
export const MAX_BACKLOG = 500;

export interface JobEvent {
  id: number;
  at: number;
  bucket: string;
  tag: string;
  jobs: JobChange[];
}

export interface EventFilter {
  bucket: string;
  /** null: every tag. */
  tag: string | null;
}

export const matches = (filter: EventFilter, event: JobEvent) =>
  event.bucket === filter.bucket && (filter.tag === null || event.tag === filter.tag);

type Db = Kysely<IndexDatabase>;

/** Events after `after`, oldest first (all buckets unless filtered), at most `limit`. */
export async function eventsAfter(
  db: Db,
  after: number,
  { filter, limit = 1000 }: { filter?: EventFilter; limit?: number } = {},
): Promise<JobEvent[]> {
  let q = db.selectFrom('job_events').selectAll().where('seq', '>', after);
  if (filter) {
    q = q.where('bucket', '=', filter.bucket);
    if (filter.tag !== null) q = q.where('tag', '=', filter.tag);
  }
  const rows = await q.orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ id: Number(r.seq), at: Number(r.at_ms), bucket: r.bucket, tag: r.tag, jobs: r.jobs }));
}

/** The newest event id (0 when the log is empty) and the oldest still held (null when empty). */
export async function eventBounds(db: Db): Promise<{ newest: number; oldest: number | null }> {
  const row = await db
    .selectFrom('job_events')
    .select((eb) => [eb.fn.min('seq').as('oldest'), eb.fn.max('seq').as('newest')])
    .executeTakeFirst();
  return {
    newest: row?.newest === null || row?.newest === undefined ? 0 : Number(row.newest),
    oldest: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
  };
}

export type Backlog = { reset: true; newest: number } | { reset: false; events: JobEvent[]; newest: number };

/**
 * What a client that saw `lastId` missed, for its filter — or a reset when the log no longer
 * reaches back that far, when the id is not one this log gave (ahead of it: another database, a
 * forged header), or when it missed more than MAX_BACKLOG events.
 */
export async function backlogAfter(db: Db, lastId: number, filter: EventFilter): Promise<Backlog> {
  const { newest, oldest } = await eventBounds(db);
  if (lastId > newest || (oldest !== null && lastId < oldest - 1)) return { reset: true, newest };
  const events = await eventsAfter(db, lastId, { filter, limit: MAX_BACKLOG + 1 });
  if (events.length > MAX_BACKLOG) return { reset: true, newest };
  return { reset: false, events, newest: Math.max(newest, events.at(-1)?.id ?? 0) };
}

/** Drops events older than `cutoffMs` — as a prefix of ids, keeping the newest. Returns how many. */
export async function pruneEvents(db: Db, cutoffMs: number): Promise<number> {
  const keepFrom = await db
    .selectFrom('job_events')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('at_ms', '>=', cutoffMs)
    .executeTakeFirst();
  const { newest } = await eventBounds(db);
  const from = keepFrom?.seq === null || keepFrom?.seq === undefined ? newest : Number(keepFrom.seq);
  if (from === 0) return 0;
  const removed = await db.deleteFrom('job_events').where('seq', '<', from).executeTakeFirst();
  return Number(removed.numDeletedRows);
}
