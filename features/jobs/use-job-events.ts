'use client';

/**
 * Live push for the jobs pages: an EventSource on GET /api/events for the bucket (and tag) on
 * screen; when the server says jobs changed, the lists those changes can alter
 * (features/jobs/push-scope) and any open job among them are refetched (TanStack Query
 * invalidation). The browser reconnects by itself after a dropped stream, sending the last id so
 * nothing is missed; when the server refuses the stream (no job index, too many streams) it tries
 * again in RETRY_CLOSED_MS, and the page's timer keeps polling meanwhile.
 */
import { useQueryClient, type Query } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { withBucket } from '@/lib/bucket-param';
import { ALL_TAGS } from '@/lib/jobs-search-params';

import { listTouched } from './push-scope';

/** After a refused stream (503 without the index, 429): a new try this much later. */
const RETRY_CLOSED_MS = 30_000;
/** Events that come close together cost one refetch. */
const COALESCE_MS = 300;

interface JobsEvent {
  bucket: string;
  tag: string;
  jobs: { id: string; state: string }[];
}

/** The page lists (not pages the user is accumulating: refetching those is theirs to ask for). */
const isList = (q: Query) => q.queryKey[0] === 'jobs' && q.queryKey[1] !== 'accumulated';

/**
 * `bucket`: the page's bucket ('' = the default); `tag`: the tag shown, or ALL_TAGS.
 * Returns whether the stream is open (the page may then poll less).
 */
export function useJobEvents({ bucket, tag, enabled }: { bucket: string; tag: string; enabled: boolean }): {
  connected: boolean;
} {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const params = tag && tag !== ALL_TAGS ? `?tag=${encodeURIComponent(tag)}` : '';
    const url = withBucket(`/api/events${params}`, bucket);
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let flush: ReturnType<typeof setTimeout> | null = null;
    let all = false;
    /** Each changed job's new state, since the last refetch. */
    const changes = new Map<string, string>();

    const refetch = () => {
      flush = null;
      const changed = new Map(changes);
      const everything = all;
      changes.clear();
      all = false;
      void client.invalidateQueries({
        predicate: (q) => isList(q) && (everything || listTouched(q.queryKey[1], changed)),
      });
      void client.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'job' && (everything || changed.has(String(q.queryKey[2]))),
      });
    };
    const schedule = () => {
      flush ??= setTimeout(refetch, COALESCE_MS);
    };
    const open = () => {
      retry = null;
      source = new EventSource(url);
      source.addEventListener('open', () => setConnected(true));
      source.addEventListener('jobs', (e) => {
        try {
          const data = JSON.parse((e as MessageEvent<string>).data) as JobsEvent;
          for (const job of data.jobs) changes.set(job.id, job.state);
        } catch {
          all = true; // unreadable: refetching everything shown is always right
        }
        schedule();
      });
      // The server could not say what was missed (away too long): refetch what is shown.
      source.addEventListener('reset', () => {
        all = true;
        schedule();
      });
      source.addEventListener('error', () => {
        setConnected(false);
        // CONNECTING: the browser is reconnecting (with Last-Event-ID). CLOSED: it gave up.
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(open, RETRY_CLOSED_MS);
        }
      });
    };
    open();
    return () => {
      source?.close();
      if (retry) clearTimeout(retry);
      if (flush) clearTimeout(flush);
      setConnected(false);
    };
  }, [bucket, tag, enabled, client]);

  return { connected };
}
