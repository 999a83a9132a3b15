'use client';

/**
 * Accumulate mode: "Load more" appends the next NextToken page to the rows on screen, "Load all"
 * keeps appending (up to BROWSER_JOBS_LIMIT rows) until CI says there is no next page, and Cancel stops
 * it, aborting the request in flight. One React Query infinite query per accumulation, seeded with
 * the page already on screen, so it is never fetched twice.
 *
 * - Requests never overlap: a page is asked for only when none is in flight, and Load all waits at
 *   least MIN_GAP_MS between the starts of two requests (≤ 16 a second), under the /api rate limit
 *   (20 a second per client, burst 60) with room for the rest of the page. An error (a 429
 *   included) stops Load all with the error shown; Load more resumes where it stopped.
 * - Rows are de-duplicated by job ID (the first occurrence keeps its place): CI pages by cursor, so
 *   a job may move across a page boundary between two requests; the count shown is of unique rows.
 * - Live refresh is paused while pages are accumulated: refreshing every page every 5 s would send
 *   CI a burst of up to 100 requests each time, and refreshing only the first page would change
 *   its boundary under the pages after it (rows would vanish or repeat). "Refresh" leaves the mode
 *   and reloads the current page, which live refresh then keeps fresh again.
 * - With the job index live (features/shell/health-api indexStreams), "Load all" from the first page
 *   reads one answer instead: every match streamed from the index (index-stream, opened by the click), appended as
 *   it arrives. From a later page, or without a live index, it pages through CI as above.
 * - Not in the URL, on purpose: a reload or a pasted link should not fire up to 100 requests at CI by
 *   itself; the URL keeps describing the page the accumulation started from, which is what reloads.
 */
import { useInfiniteQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { BROWSER_JOBS_LIMIT, fetchJobsPage } from '@/features/jobs/api/job-pages';
import { healthQueryOptions, indexStreams } from '@/features/shell/health-api';
import type { JobListItem, JobPage } from '@/lib/ci/types';

import { openIndexStream, type IndexStream, type IndexStreamState } from './index-stream';

const MIN_GAP_MS = 60;
/** No index answer read (paging, or one page): what the stream's state reads as. */
const NO_STREAM: IndexStreamState = { jobs: [], status: 'loading', complete: false, error: null };
const noSubscription = () => () => undefined;
const noStream = () => NO_STREAM;

export function useAccumulatedPages({
  fullQuery,
  query,
  token,
  firstPage,
}: {
  /** The current page's request (query and token); accumulation is tied to it. */
  fullQuery: string | null;
  /** The validated query without its token. */
  query: string | null;
  token: string | undefined;
  /** The page on screen, the first of the accumulation. */
  firstPage: JobPage | undefined;
}) {
  const client = useQueryClient();
  const bucket = useCurrentBucket();
  const [session, setSession] = useState<{
    key: string;
    id: number;
    source: 'pages' | 'index';
    /** The index's answer being read (source 'index'), opened by the click that started it. */
    stream: IndexStream | null;
  } | null>(null);
  const [target, setTarget] = useState<number | null>(null);
  const lastStart = useRef(0);
  /** The last answer opened, stopped when another is opened before the first was shown. */
  const lastStream = useRef<IndexStream | null>(null);
  const active = session !== null && session.key === fullQuery && query !== null;
  const fromIndex = active && session.source === 'index';
  const stream = fromIndex ? session.stream : null;
  const streamed = useSyncExternalStore(
    stream?.subscribe ?? noSubscription,
    stream?.getSnapshot ?? noStream,
    stream?.getSnapshot ?? noStream,
  );
  // Another list, another session, or the page gone: the answer being read is not wanted any more.
  useEffect(() => {
    if (stream) return () => stream.stop();
  }, [stream]);
  const queryKey = useMemo(() => ['jobs', 'accumulated', session?.key ?? '', session?.id ?? 0] as const, [session]);

  const pages = useInfiniteQuery<JobPage, Error, InfiniteData<JobPage, string>, typeof queryKey, string>({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchJobsPage(query!, pageParam || undefined, signal),
    initialPageParam: token ?? '',
    getNextPageParam: (last) => last.nextToken || undefined,
    initialData: firstPage ? { pages: [firstPage], pageParams: [token ?? ''] } : undefined,
    enabled: active && !fromIndex,
    // Only fetchNextPage asks CI: never a refetch of every page (see above).
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
    refetchOnMount: false,
    refetchOnReconnect: false,
  });

  const rows = useMemo(() => {
    if (!active) return [];
    // The index's answer follows the page on screen (which it repeats, unless CI has newer jobs).
    const lists = fromIndex ? [firstPage?.jobs ?? [], streamed.jobs] : (pages.data?.pages.map((p) => p.jobs) ?? []);
    const seen = new Set<string>();
    const out: JobListItem[] = [];
    for (const jobs of lists) {
      for (const job of jobs) {
        if (seen.has(job.jobId)) continue;
        seen.add(job.jobId);
        out.push(job);
      }
    }
    return out;
  }, [active, fromIndex, firstPage, streamed.jobs, pages.data]);

  const hasNext = fromIndex ? streamed.status !== 'done' : active ? pages.hasNextPage : Boolean(firstPage?.nextToken);
  const fetching = active && (fromIndex ? streamed.status === 'loading' : pages.isFetchingNextPage);
  const failed = active && !fromIndex && pages.isFetchNextPageError;
  /** Load all is running: it asks for the next page whenever none is in flight. */
  const loadingAll = active && !fromIndex && target !== null && hasNext && !failed && rows.length < target;

  const start = useCallback(
    (source: 'pages' | 'index') => {
      if (!fullQuery) return;
      let opened: IndexStream | null = null;
      if (source === 'index' && query !== null) {
        lastStream.current?.stop();
        // The request leaves now, before React renders accumulate mode (see index-stream). A stopped
        // answer read again keeps the jobs it gave (the rows de-duplicate the rest).
        const kept = session?.key === fullQuery && session.stream ? session.stream.getSnapshot().jobs : [];
        opened = openIndexStream(query, { limit: BROWSER_JOBS_LIMIT, kept });
        lastStream.current = opened;
      }
      setSession({ key: fullQuery, id: Date.now(), source, stream: opened });
    },
    [fullQuery, query, session],
  );

  // The Load all loop: one request at a time, paced; it runs again after each answer.
  const shouldFetch = loadingAll && !pages.isFetching;
  const fetchNextPage = pages.fetchNextPage;
  useEffect(() => {
    if (!shouldFetch) return;
    const timer = setTimeout(
      () => {
        lastStart.current = Date.now();
        void fetchNextPage({ cancelRefetch: false });
      },
      Math.max(0, lastStart.current + MIN_GAP_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [shouldFetch, fetchNextPage]);

  return {
    active,
    /** Where the rows come from: CI's pages, or one answer of the job index. */
    source: fromIndex ? ('index' as const) : ('pages' as const),
    rows,
    pageCount: active && !fromIndex ? (pages.data?.pages.length ?? 0) : 1,
    hasNext,
    fetching,
    loadingAll,
    /** The index's answer stopped at BROWSER_JOBS_LIMIT rows. */
    capped: fromIndex && streamed.status === 'done' && !streamed.complete,
    error: fromIndex ? streamed.error : failed ? pages.error : null,
    /** Appends the next page (entering accumulate mode from the page on screen). */
    loadMore: () => {
      // A stopped index answer is read again from the start (the rows it gave stay, once each).
      if (fromIndex) return start('index');
      if (!active) start('pages');
      setTarget((active ? rows.length : (firstPage?.jobs.length ?? 0)) + 1);
    },
    /** Appends pages until BROWSER_JOBS_LIMIT rows are loaded or the list ends (or reads the index's answer). */
    loadAll: () => {
      if (fromIndex) return start('index');
      if (active) return setTarget(BROWSER_JOBS_LIMIT);
      // Whether the index is live decides the way; a click before the page has asked waits for the answer.
      void client
        .ensureQueryData(healthQueryOptions(bucket))
        .catch(() => undefined)
        .then((known) => {
          if (indexStreams(known) && !token && query !== null) return start('index');
          start('pages');
          setTarget(BROWSER_JOBS_LIMIT);
        });
    },
    cancel: () => {
      setTarget(null);
      stream?.stop();
      void client.cancelQueries({ queryKey });
    },
    /** Back to the single page (live refresh resumes). */
    exit: () => {
      setTarget(null);
      stream?.stop();
      void client.cancelQueries({ queryKey });
      setSession(null);
    },
  };
}
