/**
 * A collection of every job matching a query (collectJobs) as an external store React subscribes
 * to: start (automatically when the query changes, or on demand), progress after each page, cancel,
 * and what came of it. The overview, failure triage and export all use it, and
 * features/collection/collection-progress shows its state the same way everywhere.
 */
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';

import type { JobListItem } from '@/lib/ci/types';

import { collectJobs, type CollectProgress } from './collect-jobs';

export type CollectionStatus = 'idle' | 'loading' | 'done' | 'cancelled' | 'error';

export interface CollectionState {
  status: CollectionStatus;
  /** The query collected (null before the first start). */
  query: string | null;
  /** When the collection started (epoch ms): an open-ended window ("last 24 h") ends here for charts. */
  startedAt: number | null;
  jobs: readonly JobListItem[];
  progress: CollectProgress;
  /** False when the limit stopped a finished collection early. */
  complete: boolean;
  error: Error | null;
}

export const IDLE_COLLECTION: CollectionState = {
  status: 'idle',
  query: null,
  startedAt: null,
  jobs: [],
  progress: { loaded: 0, pages: 0, more: false },
  complete: false,
  error: null,
};

class Cancelled extends Error {
  override readonly name = 'Cancelled';
}

export class JobCollection {
  private state = IDLE_COLLECTION;
  private readonly listeners = new Set<() => void>();
  private running: AbortController | null = null;

  constructor(private readonly limit?: number) {}

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = () => this.state;

  start(query: string | null): void {
    this.running?.abort(new Cancelled('superseded'));
    this.running = null;
    if (query === null) return this.set(IDLE_COLLECTION);
    const controller = new AbortController();
    this.running = controller;
    const alive = () => this.running === controller;
    this.set({ ...IDLE_COLLECTION, status: 'loading', query, startedAt: Date.now() });
    collectJobs({
      query,
      limit: this.limit,
      signal: controller.signal,
      onProgress: (progress, jobs) => alive() && this.set({ ...this.state, progress, jobs: [...jobs] }),
    }).then(
      ({ jobs, complete }) => alive() && this.set({ ...this.state, status: 'done', jobs, complete }),
      (error: unknown) => {
        if (!alive()) return;
        const cancelled = controller.signal.aborted;
        this.set({
          ...this.state,
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? null : toError(error),
        });
      },
    );
  }

  cancel(): void {
    this.running?.abort(new Cancelled('cancelled'));
  }

  /** Stops without reporting (the component went away). */
  dispose(): void {
    const running = this.running;
    this.running = null;
    running?.abort(new Cancelled('unmounted'));
  }

  private set(state: CollectionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

export function useJobCollection(
  query: string | null,
  { auto = true, limit }: { auto?: boolean; limit?: number } = {},
) {
  const [collection] = useState(() => new JobCollection(limit));
  const state = useSyncExternalStore(collection.subscribe, collection.getSnapshot, () => IDLE_COLLECTION);
  // Only leaving the page stops a collection; a new query starts a new one when `auto` (an export
  // started by hand finishes even if the filters change meanwhile).
  useEffect(() => () => collection.dispose(), [collection]);
  useEffect(() => {
    if (auto) collection.start(query);
  }, [auto, query, collection]);
  const start = useCallback((which: string | null = query) => collection.start(which), [collection, query]);
  const cancel = useCallback(() => collection.cancel(), [collection]);
  return { state, start, cancel };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
