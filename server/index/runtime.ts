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
import { CiClient, SYNC_USER_AGENT } from '@/server/ci/client';
import { serverConfig } from '@/server/config';

import { closeProcessStore, openedStore, processStore, storeWanted } from './process-store';
import { ping, type JobStore, type SyncLease } from './store';
import { BucketSync, DORMANT_AFTER_MS, type IndexState } from './sync';

export interface JobIndex {
  store: JobStore;
  syncs: Map<string, BucketSync>;
  /** True while this replica leads the sync (holds the lock); false while another one does. */
  syncing: boolean;
}

interface Holder {
  promise: Promise<JobIndex> | null;
  index: JobIndex | null;
  error: string | null;
  /** The next try for the lead, while another replica holds it. */
  retry: NodeJS.Timeout | null;
  lease: SyncLease | null;
  /** Said once per stretch of following, not at every try. */
  following: boolean;
}

/**
 * How often a replica that does not lead tries for the lock: a dead leader's lock is free as soon
 * as the server notices its session is gone (at once when its process dies, its socket closing),
 * so another replica takes over within this, well inside the 30 s promised.
 */
export const LEADER_RETRY_MS = 5_000;

const KEY = Symbol.for('ci-jobs-dashboard.job-index');
const holder = (): Holder => {
  const g = globalThis as { [KEY]?: Holder };
  g[KEY] ??= { promise: null, index: null, error: null, retry: null, lease: null, following: false };
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
    const syncs = new Map<string, BucketSync>();
    for (const b of buckets) {
      const client = new CiClient({ ...b.config, maxRetries: 0, cacheTtlMs: 0 }, { userAgent: SYNC_USER_AGENT });
      syncs.set(b.bucket, new BucketSync({ store, bucket: b.bucket, client, settings }));
    }
    const index: JobIndex = { store, syncs, syncing: false };
    h.index = index;
    console.log(
      `[index] ${store.kind === 'pglite' ? `embedded store at ${settings.pgliteDir}` : 'PostgreSQL store'} open in ${Math.round(performance.now() - started)} ms (replica ${settings.replicaId})`,
    );
    await tryToLead(index, buckets.length);
    return index;
  })().catch((error: unknown) => {
    h.error = error instanceof Error ? error.message : String(error);
    console.error(`[index] the job index could not start; pages answer from CI alone: ${h.error}`);
    throw error;
  });
  h.promise.catch(() => undefined);
}

/**
 * Takes the sync lead when the lock is free, else tries again in LEADER_RETRY_MS. A leader that
 * loses its lock (its connection closed or stopped answering) stops its syncs — another replica
 * may be syncing already — and goes back to trying; whoever leads resumes from the checkpoints.
 */
async function tryToLead(index: JobIndex, bucketCount: number): Promise<void> {
  const h = holder();
  h.retry = null;
  if (h.index !== index) return; // stopped meanwhile
  let lease: SyncLease | null = null;
  try {
    lease = await index.store.trySyncLock();
  } catch (error) {
    console.error(`[index] could not ask for the sync lock: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (h.index !== index) {
    await lease?.release();
    return;
  }
  const again = () => {
    if (h.index !== index) return;
    h.retry = setTimeout(() => void tryToLead(index, bucketCount), LEADER_RETRY_MS);
    h.retry.unref();
  };
  if (!lease) {
    if (!h.following) console.log('[index] another replica leads the sync: reading only, ready to take over');
    h.following = true;
    return again();
  }
  h.following = false;
  h.lease = lease;
  index.syncing = true;
  console.log(`[index] replica ${serverConfig().index.replicaId} leads the sync of ${bucketCount} bucket(s)`);
  for (const s of index.syncs.values()) s.start();
  lease.onLost((reason) => {
    if (h.lease !== lease) return;
    h.lease = null;
    index.syncing = false;
    console.warn(`[index] this replica lost the sync lead (${reason}); its syncs stop, and it tries again`);
    void Promise.all([...index.syncs.values()].map((s) => s.stop())).then(again);
  });
}

/** Whether this process leads the sync (for /api/health): false while it follows, starts or is off. */
export function isSyncLeader(): boolean {
  return holder().index?.syncing ?? false;
}

export interface StoreHealth {
  kind: 'pglite' | 'postgres' | null;
  /** ok: it answered a query just now; unreachable: it did not within 2 s. */
  state: 'off' | 'starting' | 'failed' | 'ok' | 'unreachable';
  latencyMs?: number;
  error?: string;
}

/** Whether the store answers, for /api/health (a load balancer's probe). */
export async function storeHealth(): Promise<StoreHealth> {
  const h = holder();
  // The store keeps more than the index (saved views, sign-outs, shared caches): it is off only
  // when this configuration keeps nothing in it (process-store.ts).
  if (!storeWanted()) return { kind: null, state: 'off' };
  if (h.error) return { kind: null, state: 'failed', error: h.error };
  const store = h.index?.store ?? openedStore();
  if (!store) {
    // Still opening — or a first open failed and nothing has asked since: this asks (once at a time).
    processStore().catch(() => undefined);
    return { kind: null, state: 'starting' };
  }
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(store.db),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('no answer in 2 s')), 2000))),
    ]);
    return { kind: store.kind, state: 'ok', latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      kind: store.kind,
      state: 'unreachable',
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
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
        // Dormant tags (no job in the hour before their last follow) are asked once a minute: left
        // out, as the leader leaves them out — unless every tag is.
        eb.fn
          .min('followed_at_ms')
          .filterWhere(eb(eb('followed_at_ms', '-', eb.ref('follow_ms')), '<', DORMANT_AFTER_MS))
          .as('oldest'),
        eb.fn.max('followed_at_ms').as('newest'),
        eb.fn.count<number>('tag').filterWhere('backfill_done', '=', false).as('pending'),
      ])
      .where('bucket', '=', bucket)
      .executeTakeFirst();
    const backfilling = Number(row?.pending ?? 0) > 0;
    // Live, the oldest tag's last follow, as the leader reports it; while backfilling the newest
    // (quiet tags wait minutes then, by design, and the state says backfilling).
    const at = backfilling ? row?.newest : (row?.oldest ?? row?.newest);
    freshAt = at ? Number(at) : null;
    if (freshAt === null) state = 'starting';
    else if (backfilling) state = 'backfilling';
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
  if (h.retry) clearTimeout(h.retry);
  h.retry = null;
  const lease = h.lease;
  h.lease = null;
  if (index) for (const s of index.syncs.values()) await s.stop();
  await lease?.release();
  // Closed even with the index off: the store may hold saved views and sign-outs (process-store.ts).
  await closeProcessStore();
}
