/**
 * The job index of this server process: its store and one sync per bucket, started once from
 * instrumentation-node.ts and kept on globalThis (Next loads modules once per bundle; there must be
 * one store — PGlite is one connection — and one sync per bucket).
 *
 * Starting does not hold up the first page: the store opens (seconds, for a new PGlite) and the
 * syncs begin in the background; until then the index reports `starting` and every route answers
 * from CI as it would without an index.
 */
import 'server-only';

import { getBackend } from '@/server/ci/backend';
import { CiClient } from '@/server/ci/client';
import { serverConfig } from '@/server/config';

import { closeProcessStore, processStore } from './process-store';
import type { JobStore } from './store';
import { BucketSync, type IndexState } from './sync';

export interface JobIndex {
  store: JobStore;
  syncs: Map<string, BucketSync>;
  /** False when another process holds the sync lock of a shared DATABASE_URL (it keeps the index current). */
  syncing: boolean;
}

interface Holder {
  promise: Promise<JobIndex> | null;
  index: JobIndex | null;
  error: string | null;
}

const KEY = Symbol.for('ci-jobs-dashboard.job-index');
const holder = (): Holder => {
  const g = globalThis as { [KEY]?: Holder };
  g[KEY] ??= { promise: null, index: null, error: null };
  return g[KEY];
};

/** Starts the index in the background (once); a no-op with INDEX=off. */
export function startJobIndex(): void {
  const settings = serverConfig().index;
  const h = holder();
  if (!settings.enabled || h.promise) return;
  h.promise = (async () => {
    const started = performance.now();
    // The process's one store: saved views, sign-outs and the shared caches live in it too.
    const store = await processStore();
    const { buckets } = await getBackend();
    const syncing = await store.trySyncLock();
    const syncs = new Map<string, BucketSync>();
    for (const b of buckets) {
      const client = new CiClient({ ...b.config, maxRetries: 0, cacheTtlMs: 0 });
      syncs.set(b.bucket, new BucketSync({ store, bucket: b.bucket, client, settings }));
    }
    const index: JobIndex = { store, syncs, syncing };
    h.index = index;
    console.log(
      `[index] ${store.kind === 'pglite' ? `embedded store at ${settings.pgliteDir}` : 'PostgreSQL store'} open in ${Math.round(performance.now() - started)} ms; ` +
        (syncing ? `syncing ${buckets.length} bucket(s)` : 'another process holds the sync lock: reading only'),
    );
    if (syncing) for (const s of syncs.values()) s.start();
    else waitForLock(index);
    return index;
  })().catch((error: unknown) => {
    h.error = error instanceof Error ? error.message : String(error);
    console.error(`[index] the job index could not start; pages answer from CI alone: ${h.error}`);
    throw error;
  });
  h.promise.catch(() => undefined);
}

/** Another process syncs a shared store: take over when it stops (its session lock goes with it). */
function waitForLock(index: JobIndex) {
  const timer = setInterval(() => {
    void index.store
      .trySyncLock()
      .then((ok) => {
        if (!ok || index.syncing) return;
        index.syncing = true;
        clearInterval(timer);
        console.log('[index] the sync lock is free: this process syncs now');
        for (const s of index.syncs.values()) s.start();
      })
      .catch(() => undefined);
  }, 30_000);
  timer.unref();
}

/** The running index, or null while it starts, when it is off or when it failed. */
export function jobIndex(): JobIndex | null {
  return holder().index;
}

export interface IndexHealth {
  state: IndexState | 'off' | 'failed';
  jobs: number | null;
  lagSeconds: number | null;
  oldest: string | null;
  newest: string | null;
  ciCallsLastHour: number;
  backfillPercent?: number;
  error?: string;
}

/** The index's state for one bucket, for /api/health and every answer the index gives. */
export async function indexHealth(
  bucket: string,
  { count = true, now = Date.now() }: { count?: boolean; now?: number } = {},
): Promise<IndexHealth> {
  const settings = serverConfig().index;
  const h = holder();
  const empty = { jobs: null, lagSeconds: null, oldest: null, newest: null, ciCallsLastHour: 0 };
  if (!settings.enabled) return { state: 'off', ...empty };
  if (h.error) return { state: 'failed', ...empty, error: h.error };
  const index = h.index;
  if (!index) return { state: 'starting', ...empty };
  const { db } = index.store;
  const range = await db
    .selectFrom('jobs')
    .select((eb) => [eb.fn.min('created_ms').as('oldest'), eb.fn.max('created_ms').as('newest')])
    .where('bucket', '=', bucket)
    .executeTakeFirst();
  // The rollups' sum rather than count(*) over the rows: a few thousand rollup rows, not every job.
  const counted = count
    ? await db
        .selectFrom('rollup_hour')
        .select((eb) => eb.fn.sum<number>('jobs').as('n'))
        .where('bucket', '=', bucket)
        .executeTakeFirst()
    : null;
  // The sync of this process, or — when another process holds the lock — what it wrote down.
  const status = index.syncing ? index.syncs.get(bucket)?.status() : undefined;
  let freshAt = status?.freshAt ?? null;
  let state: IndexState | undefined = status?.state;
  if (!index.syncing) {
    const row = await db
      .selectFrom('sync_tag')
      .select((eb) => [
        eb.fn.max('followed_at_ms').as('at'),
        eb.fn.count<number>('tag').filterWhere('backfill_done', '=', false).as('pending'),
      ])
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    freshAt = row?.at ? Number(row.at) : null;
    if (freshAt === null) state = 'starting';
    else if (Number(row?.pending ?? 0) > 0) state = 'backfilling';
  }
  const lag = freshAt === null ? null : Math.max(0, Math.round((now - freshAt) / 1000));
  const iso = (ms: unknown) => (ms === null || ms === undefined ? null : new Date(Number(ms)).toISOString());
  return {
    state: state ?? (lag !== null && lag * 1000 <= 2 * settings.pollMs + 1000 ? 'live' : 'behind'),
    jobs: counted ? Number(counted.n ?? 0) : null,
    lagSeconds: lag,
    oldest: iso(range?.oldest),
    newest: iso(range?.newest),
    ciCallsLastHour: status?.ciCallsLastHour ?? 0,
    ...(status ? { backfillPercent: Math.floor(status.backfillProgress * 100) } : {}),
    ...(status?.lastError ? { error: status.lastError } : {}),
  };
}

/** Stops the syncs and closes the store (tests, shutdown). */
export async function stopJobIndex(): Promise<void> {
  const h = holder();
  const index = h.index ?? (await h.promise?.catch(() => null)) ?? null;
  h.promise = null;
  h.index = null;
  h.error = null;
  if (!index) return;
  for (const s of index.syncs.values()) await s.stop();
  await closeProcessStore();
}
