'use client';

/**
 * Live refresh of the list: applies features/jobs/live-refresh-plan's plan (poll while visible, not paused and
 * the view's window runs to now or a shown job is active; back off after transient errors) with one timer at a time.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';

import { planRefresh, type RefreshMode } from '@/features/jobs/live-refresh-plan';
import { isTransient } from '@/lib/error-retry';
import { ApiError } from '@/lib/fetch-json';

function subscribeVisibility(listener: () => void) {
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}

export function usePageVisible(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === 'visible',
    () => true,
  );
}

export interface LiveRefreshState {
  /** When the next automatic request is due (epoch ms), or null when none is scheduled. */
  nextAt: number | null;
  /** Why nothing is scheduled, or what is: for the status line. */
  mode: RefreshMode;
  failures: number;
}

export function useLiveRefresh({
  queryKey,
  enabled,
  active,
  live,
  paused,
  intervalMs,
  isFetching,
  dataUpdatedAt,
  errorUpdatedAt,
  error,
  refetch,
}: {
  queryKey: string | null;
  enabled: boolean;
  active: boolean;
  /** The view's time window runs up to now (live-refresh-plan windowRunsToNow). */
  live: boolean;
  paused: boolean;
  intervalMs: number;
  isFetching: boolean;
  dataUpdatedAt: number;
  errorUpdatedAt: number;
  error: unknown;
  refetch: () => unknown;
}): LiveRefreshState {
  const visible = usePageVisible();
  // Consecutive failures of this query: counted once per error answer, reset by a success or a new
  // key (state adjusted during render, React's pattern for values derived from changing props).
  const [track, setTrack] = useState({ key: queryKey, counted: 0, count: 0 });
  const lastWasError = errorUpdatedAt > dataUpdatedAt && error != null;
  if (track.key !== queryKey) setTrack({ key: queryKey, counted: 0, count: 0 });
  else if (!lastWasError && track.count !== 0) setTrack({ ...track, count: 0 });
  else if (lastWasError && track.counted !== errorUpdatedAt)
    setTrack({ ...track, counted: errorUpdatedAt, count: track.count + 1 });
  const failures = lastWasError ? Math.max(1, track.count) : 0;

  const transient = lastWasError && (error instanceof ApiError ? isTransient(error) : true);
  const { mode, nextAt } = planRefresh({
    enabled,
    failed: lastWasError,
    transient,
    failures,
    visible,
    paused,
    active,
    live,
    fetching: isFetching,
    intervalMs,
    lastAnswerAt: lastWasError ? errorUpdatedAt : dataUpdatedAt,
  });

  const refetchRef = useRef(refetch);
  useEffect(() => {
    refetchRef.current = refetch;
  }, [refetch]);
  useEffect(() => {
    if (nextAt === null) return;
    const timer = setTimeout(() => void refetchRef.current(), Math.max(0, nextAt - Date.now()));
    return () => clearTimeout(timer);
  }, [nextAt]);

  return { nextAt, mode, failures };
}
