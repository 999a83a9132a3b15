'use client';
/**
 * Live refresh of the list: while the tab is visible, not paused, and a shown job is Submitted or
 * Running, refetch `interval` after the previous answer (so requests never overlap). After a
 * transient error, retry with back-off (2 s, 4 s, 8 s … at most 30 s) whatever the jobs' states.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError } from '@/lib/api/fetch-json';
import { adviceFor } from '@/lib/error-advice';

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

/** Back-off after `failures` consecutive failures: 2 s, 4 s, 8 s, 16 s, 30 s, 30 s … */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

export interface LiveRefreshState {
  /** When the next automatic request is due (epoch ms), or null when none is scheduled. */
  nextAt: number | null;
  /** Why nothing is scheduled, or what is: for the status line. */
  mode: 'polling' | 'retrying' | 'idle' | 'paused' | 'hidden' | 'stopped';
  failures: number;
}

export function useLiveRefresh({
  queryKey,
  enabled,
  active,
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
  else if (lastWasError && track.counted !== errorUpdatedAt) setTrack({ ...track, counted: errorUpdatedAt, count: track.count + 1 });
  const failures = lastWasError ? Math.max(1, track.count) : 0;

  let mode: LiveRefreshState['mode'];
  let delay: number | null = null;
  if (!enabled) mode = 'stopped';
  else if (lastWasError) {
    const transient = error instanceof ApiError ? adviceFor(error).transient : true;
    mode = transient ? 'retrying' : 'stopped';
    if (transient) delay = backoffMs(failures);
  } else if (!visible) mode = 'hidden';
  else if (paused) mode = 'paused';
  else if (!active) mode = 'idle';
  else {
    mode = 'polling';
    delay = intervalMs;
  }
  if (isFetching) delay = null;
  const nextAt = delay === null ? null : (lastWasError ? errorUpdatedAt : dataUpdatedAt) + delay;

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
