/**
 * The store of this server process, opened once and shared by everything that keeps state in it:
 * the job index (when INDEX=on), saved views and sign-outs (server/views, server/auth), and — on
 * PostgreSQL — the rate limits and the cache of CI reads that replicas share (server/api/clients,
 * server/ci/shared-reads).
 *
 * It opens when something needs it: the index is on, DATABASE_URL is set, or login is on (views and
 * sign-outs live in it). With INDEX=off, no DATABASE_URL and no login the dashboard stays a pure CI
 * client with nothing to keep, and no store is opened. A failed open is not remembered: the next
 * caller tries again (a PostgreSQL server that was down at start is used once it is back).
 */
import 'server-only';

import { serverConfig, type ServerConfig } from '@/server/config';

import { openStore, type JobStore } from './store';

interface Holder {
  promise: Promise<JobStore> | null;
  store: JobStore | null;
}

const KEY = Symbol.for('ci-jobs-dashboard.process-store');
const holder = (): Holder => {
  const g = globalThis as { [KEY]?: Holder };
  g[KEY] ??= { promise: null, store: null };
  return g[KEY];
};

/** Whether this configuration keeps anything in the store (see above). */
export function storeWanted(config: ServerConfig = serverConfig()): boolean {
  return config.index.enabled || config.index.databaseUrl !== null || config.auth.users !== null;
}

/** Whether state is shared with other processes (DATABASE_URL), so per-process memory will not do. */
export function storeShared(config: ServerConfig = serverConfig()): boolean {
  return config.index.databaseUrl !== null;
}

/** This process's store, opening it on first use. */
export function processStore(): Promise<JobStore> {
  const h = holder();
  if (!h.promise) {
    const { databaseUrl, pgliteDir } = serverConfig().index;
    const opening = openStore({ databaseUrl, pgliteDir });
    h.promise = opening;
    opening.then(
      (store) => {
        if (h.promise === opening) h.store = store;
      },
      () => {
        if (h.promise === opening) h.promise = null;
      },
    );
  }
  return h.promise;
}

/** The store when it is open already, else null (never waits). */
export function openedStore(): JobStore | null {
  return holder().store;
}

/** Closes the store (tests, shutdown); the next processStore() opens it again. */
export async function closeProcessStore(): Promise<void> {
  const h = holder();
  const store = h.store ?? (await h.promise?.catch(() => null)) ?? null;
  h.promise = null;
  h.store = null;
  await store?.close();
}
