/**
 * The index's tables, once for both stores (PGlite and PostgreSQL): the Kysely types here and the
 * migrations in migrations.ts describe the same columns.
 *
 * Times are epoch milliseconds in bigint columns (both drivers are told to read int8 as a number:
 * every value fits in 2^53). Rollups are kept per UTC creation hour and per UTC creation day; the
 * day's slot row splits that day into quarter hours, so the overview's hour and day bars can follow
 * any zone whose offset is a whole number of quarter hours (every zone in use: +05:30, +05:45 …).
 */
import type { ColumnType, Generated } from 'kysely';

import type { Job, JobListItem } from '@/lib/ci/types';
import type { SavedView } from '@/lib/saved-views';

/** A JSON column: read as the object, written as its JSON text. */
type Json<T> = ColumnType<T, string, string>;
type JsonOrNull<T> = ColumnType<T | null, string | null, string | null>;

export interface JobsTable {
  bucket: string;
  job_id: string;
  tag: string;
  state: string;
  /** CI's result code ('' when none), so a code filter and the failure rollup need no null cases. */
  code: string;
  message: string | null;
  created_ms: number;
  started_ms: number | null;
  ended_ms: number | null;
  /** Seconds from start to end, for Success and Failed jobs that have both (as the overview counts them). */
  run_sec: number | null;
  /** run_sec's histogram bin (runBin), kept so the rollup and a scan of rows agree to the bin. */
  run_bin: number | null;
  progress: number | null;
  queue_id: string | null;
  queue_type: string | null;
  workflow_id: string | null;
  input_object: string | null;
  output_object: string | null;
  /** Lower-case input key, output key and message: what `q` searches (a pg_trgm index). */
  search_text: Generated<string>;
  /** The list item as CI last showed it. */
  item: Json<JobListItem>;
  /** The whole job (GET /jobs/<id>) when the sync or a callback has it; null otherwise. */
  detail: JsonOrNull<Job>;
  /** Raw XML of `detail`, for the detail view's "original response". */
  detail_xml: string | null;
  updated_ms: number;
}

/** Jobs per creation hour, tag, state and (for Failed jobs) code: what the overview counts. */
export interface RollupHourTable {
  bucket: string;
  hour_ms: number;
  tag: string;
  state: string;
  code: string;
  jobs: number;
}

/** Finished jobs per creation hour, tag, state and run-time bin: the run-time percentiles. */
export interface RollupRunTable {
  bucket: string;
  hour_ms: number;
  tag: string;
  state: string;
  bin: number;
  jobs: number;
}

/** The daily twin of rollup_hour (day_ms: 00:00 UTC): whole days of a window read one row per cell. */
export interface RollupDayTable {
  bucket: string;
  day_ms: number;
  tag: string;
  state: string;
  code: string;
  jobs: number;
}

/**
 * Finished jobs of a UTC day, tag and state as a sparse histogram over runBin's bins
 * (`{ "<bin>": jobs }`): the run-time sketch the overview merges per tag for whole days.
 */
export interface RollupDayRunTable {
  bucket: string;
  day_ms: number;
  tag: string;
  state: string;
  bins: Json<Record<string, number>>;
}

/** Jobs of a UTC day, tag and state per quarter hour (SLOTS_PER_DAY counts, slot 0 from 00:00 UTC). */
export interface RollupDaySlotsTable {
  bucket: string;
  day_ms: number;
  tag: string;
  state: string;
  slots: ColumnType<number[], string, string>;
}

/**
 * rollup_day_slots summed over the tags (migration 0005): the overview of every tag reads one array
 * per day and state rather than one per tag as well — a 30-day window 180 arrays, not 4,000.
 */
export interface RollupDaySlotsAllTable {
  bucket: string;
  day_ms: number;
  state: string;
  slots: ColumnType<number[], string, string>;
}

/**
 * When each UTC day's rollups last changed (migration 0005): every write that moves a count of a
 * day sets its `rev` to the next value of the sequence rollup_rev, so a reader that kept what it
 * read of a span of days (server/index/rollup-cache.ts) knows it is still exact when the span's
 * count of rows and greatest rev are what they were.
 */
export interface RollupDayRevTable {
  bucket: string;
  day_ms: number;
  rev: number;
}

/** Each tag's sync position in a bucket. */
export interface SyncTagTable {
  bucket: string;
  tag: string;
  /** The backfill covers creation times from here … */
  backfill_from_ms: number;
  /** … up to here (exclusive of what is listed next) … */
  backfill_at_ms: number;
  /** … and ends here; the follow loop takes over from this instant. */
  backfill_until_ms: number;
  backfill_done: boolean;
  /** The newest creation time the follow loop has stored; it lists from here minus an overlap. */
  follow_ms: number;
  /** When the follow loop last asked CI about this tag. */
  followed_at_ms: number;
}

/** One change of jobs in the index (a written batch, per tag): what live push tells browsers. */
export interface JobEventsTable {
  /** Allocated under write.ts's lock, so ids appear in commit order: a client resumes after one. */
  seq: Generated<number>;
  at_ms: number;
  bucket: string;
  tag: string;
  /** The jobs that changed, with their new state. */
  jobs: Json<JobChange[]>;
}

export interface JobChange {
  id: string;
  state: string;
}

/**
 * The state replicas share (migration 0002): what one process kept in memory or on its disk
 * before, so that any replica behind a load balancer answers the same.
 */

/** One user's saved views, the whole list (lib/saved-views orders and checks it). */
export interface SavedViewsTable {
  user_name: string;
  views: Json<SavedView[]>;
  updated_ms: number;
}

/** Sessions signed out before their expiry (server/auth/revocations): refused until `expires_s`. */
export interface SessionRevocationsTable {
  session_id: string;
  /** The token's own `exp` (seconds since the epoch): the row is useless after it. */
  expires_s: number;
}

/**
 * The short-lived cache of CI reads (server/ci/shared-reads): `value` null while the process
 * named `owner` is asking CI (the claim), the answer's JSON once it has.
 */
export interface CiReadsTable {
  key: string;
  owner: string;
  value: string | null;
  claimed_ms: number;
  expires_ms: number;
}

/** rate-limiter-flexible's table (RateLimiterPostgres, created here rather than by the library). */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

/** One-off imports done (e.g. the saved views' JSON files of a data directory): never run twice. */
export interface StoreImportsTable {
  source: string;
  done_ms: number;
}

export interface IndexDatabase {
  jobs: JobsTable;
  job_events: JobEventsTable;
  rollup_hour: RollupHourTable;
  rollup_run: RollupRunTable;
  rollup_day: RollupDayTable;
  rollup_day_run: RollupDayRunTable;
  rollup_day_slots: RollupDaySlotsTable;
  rollup_day_slots_all: RollupDaySlotsAllTable;
  rollup_day_rev: RollupDayRevTable;
  sync_tag: SyncTagTable;
  saved_views: SavedViewsTable;
  session_revocations: SessionRevocationsTable;
  ci_reads: CiReadsTable;
  rate_limits: RateLimitsTable;
  store_imports: StoreImportsTable;
}

/**
 * The run-time histogram's bins: whole seconds below 100 s (CI's times have whole seconds, so
 * those are exact), then 2 % steps — a percentile read from the bins is within 2 % of the exact one.
 */
export function runBin(seconds: number): number {
  if (seconds < 100) return Math.max(0, Math.floor(seconds));
  return 100 + Math.floor(Math.log(seconds / 100) / Math.log(1.02) + 1e-9);
}

/** The smallest run time (s) a bin holds: what a percentile in that bin reports. */
export function binSeconds(bin: number): number {
  return bin < 100 ? bin : Math.round(100 * 1.02 ** (bin - 100));
}

export const HOUR_MS = 3_600_000;
export const hourOf = (ms: number) => Math.floor(ms / HOUR_MS) * HOUR_MS;
export const DAY_MS = 24 * HOUR_MS;
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
/** A quarter hour: the finest step of any zone offset in use, so zone hours and days are whole slots. */
export const SLOT_MS = 15 * 60_000;
export const SLOTS_PER_DAY = DAY_MS / SLOT_MS;
/** A Postgres int[] literal. */
export const intArray = (values: readonly number[]) => `{${values.join(',')}}`;
