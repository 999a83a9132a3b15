/**
 * One read of the job index's answer for "Load all" (api/job-stream), as a store React subscribes to
 * (useSyncExternalStore in use-accumulated-pages). It is opened in the click handler, so the request
 * leaves at once: opened from an effect, it waited for React to render accumulate mode first (the
 * whole page, 180–380 ms on a loaded machine), and the server's walk started only then.
 *
 * Jobs are handed over in batches that grow with the list: each hand-over rebuilds the table's row
 * model (and the de-duplication, the virtualizer's measurements) over every row, so a hand-over
 * waits until it at least doubles what was handed before (or the answer ends, or MAX_WAIT_MS passed
 * without one). 10,000 rows then cost about 2 × 10,000 row builds in a handful of renders, where a
 * hand-over every 100 ms cost one render per 100 ms of a growing list (O(n²), and the renders took
 * the CPU the stream needed).
 */
import type { JobListItem } from '@/lib/ci/types';

import { streamIndexJobs } from './api/job-stream';

/** The first hand-over: one page's worth, as soon as it is read. */
const FIRST_BATCH = 100;
/** A slow answer still shows its progress this often. */
const MAX_WAIT_MS = 500;

export interface IndexStreamState {
  /** Every job handed over so far, in the answer's order (after `kept`). */
  jobs: JobListItem[];
  status: 'loading' | 'done' | 'stopped' | 'error';
  /** Done with every match (false: the limit stopped it). */
  complete: boolean;
  error: Error | null;
}

export interface IndexStream {
  subscribe: (listener: () => void) => () => void;
  /** The current state: a new object after each change, the same one between them. */
  getSnapshot: () => IndexStreamState;
  /** Aborts the request (the jobs read so far stay); nothing changes once it has ended. */
  stop: () => void;
}

/**
 * Starts reading the index's jobs for a validated list query now. `kept`: jobs of an earlier read
 * of the same list (a stopped one read again), which come first and are not handed over again by
 * this one — the caller de-duplicates the rest. `read` is api/job-stream's reader (a test's stand-in).
 */
export function openIndexStream(
  query: string,
  { limit, kept = [], read = streamIndexJobs }: { limit: number; kept?: JobListItem[]; read?: typeof streamIndexJobs },
): IndexStream {
  const abort = new AbortController();
  const listeners = new Set<() => void>();
  let state: IndexStreamState = { jobs: kept, status: 'loading', complete: false, error: null };
  const set = (next: Partial<IndexStreamState>) => {
    state = { ...state, ...next };
    for (const listener of listeners) listener();
  };

  let pending: JobListItem[] = [];
  let handed = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!pending.length) return;
    handed += pending.length;
    const jobs = state.jobs.concat(pending);
    pending = [];
    set({ jobs });
  };
  const finish = (ended: Pick<IndexStreamState, 'status' | 'complete' | 'error'>) => {
    // The last jobs and the end in one change: one render, not two.
    if (timer) clearTimeout(timer);
    timer = null;
    const jobs = pending.length ? state.jobs.concat(pending) : state.jobs;
    pending = [];
    set({ jobs, ...ended });
  };

  read(query, {
    signal: abort.signal,
    limit,
    onJobs: (batch) => {
      for (const job of batch) pending.push(job);
      if (pending.length >= Math.max(FIRST_BATCH, handed)) flush();
      else timer ??= setTimeout(flush, MAX_WAIT_MS);
    },
  }).then(
    ({ complete }) => finish({ status: 'done', complete, error: null }),
    (error: unknown) =>
      finish(
        abort.signal.aborted
          ? { status: 'stopped', complete: false, error: null }
          : { status: 'error', complete: false, error: error instanceof Error ? error : new Error(String(error)) },
      ),
  );

  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    stop: () => abort.abort(),
  };
}
