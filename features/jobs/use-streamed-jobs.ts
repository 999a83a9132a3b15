'use client';

/**
 * The list's "Load all" from the job index (use-accumulated-pages): one streamed answer
 * (api/job-stream), its jobs handed to React in batches that grow with the list — each hand-over
 * rebuilds the table's row model (and the de-duplication, the virtualizer's measurements) over
 * every row, so a hand-over waits until it at least doubles what was handed before (or the answer
 * ends, or MAX_WAIT_MS passed without one). 10,000 rows then cost about 2 × 10,000 row builds in a
 * handful of renders, where a hand-over every 100 ms cost one render per 100 ms of a growing list
 * (O(n²), and the renders took the CPU the server streaming the answer needed).
 * A new `id` reads the answer again, keeping the jobs already read (the caller keeps each job
 * once); a new query starts empty. Unmounting or `stop` aborts the request.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

import type { JobListItem } from '@/lib/ci/types';

import { streamIndexJobs } from './api/job-stream';

/** The first hand-over: one page's worth, as soon as it is read. */
const FIRST_BATCH = 100;
/** A slow answer still shows its progress this often. */
const MAX_WAIT_MS = 500;

export interface StreamedJobs {
  jobs: JobListItem[];
  status: 'idle' | 'loading' | 'done' | 'stopped' | 'error';
  /** Done with every match (false: the limit stopped it). */
  complete: boolean;
  error: Error | null;
}

/** How the read of one `id` ended; until it has, that read is loading. */
interface End {
  id: number;
  status: 'done' | 'stopped' | 'error';
  complete: boolean;
  error: Error | null;
}

export function useStreamedJobs(request: { query: string; id: number; limit: number } | null) {
  const [jobs, setJobs] = useState<JobListItem[]>([]);
  const [end, setEnd] = useState<End | null>(null);
  const controller = useRef<AbortController | null>(null);
  const query = request?.query ?? null;
  const id = request?.id ?? 0;
  const limit = request?.limit ?? 0;

  // Another list (or none): what was read belongs to the old one. Adjusted while rendering, as
  // React's docs do for state derived from a prop.
  const [shownQuery, setShownQuery] = useState(query);
  if (shownQuery !== query) {
    setShownQuery(query);
    setJobs([]);
    setEnd(null);
  }

  useEffect(() => {
    if (query === null) return;
    const abort = new AbortController();
    controller.current = abort;
    let pending: JobListItem[] = [];
    let handed = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (timer) clearTimeout(timer);
      timer = null;
      const batch = pending;
      pending = [];
      handed += batch.length;
      if (batch.length) setJobs((old) => old.concat(batch));
    };
    const finish = (ended: Omit<End, 'id'>) => {
      // A read replaced by another (a new id or query) says nothing more.
      if (controller.current !== abort) return;
      flush();
      setEnd({ id, ...ended });
    };
    streamIndexJobs(query, {
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
    return () => {
      if (controller.current === abort) controller.current = null;
      abort.abort();
    };
  }, [query, id, limit]);

  const stop = useCallback(() => controller.current?.abort(), []);
  const mine = end?.id === id ? end : null;
  return {
    jobs,
    status: query === null ? 'idle' : (mine?.status ?? 'loading'),
    complete: mine?.complete ?? false,
    error: mine?.error ?? null,
    stop,
  } satisfies StreamedJobs & { stop: () => void };
}
