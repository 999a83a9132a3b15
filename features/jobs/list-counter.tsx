'use client';

import { useEffect, useRef } from 'react';

import { Button } from '@/components/ui/button';
import type { OpensOnMount } from '@/components/ui/lazy-on-intent';
import { IDLE_COLLECTION, useJobCollection } from '@/features/collection/use-job-collection';
import { BROWSER_JOBS_LIMIT } from '@/features/jobs/api/job-pages';
import { usePreferences } from '@/features/preferences/preferences';
import { formatInstant } from '@/lib/format';

import { count, CountButton, CountStatus } from './list-count';

/** "Count" pressed: every matching job walked by the collector, with progress, Cancel and the result. */
export function ListCounter({ query, openOnMount = false }: OpensOnMount<{ query: string }>) {
  const { timeZone } = usePreferences();
  const { state: running, start, cancel } = useJobCollection(null, { auto: false });
  // A count belongs to the filters it was made under; other filters start with "Count" again.
  const mine = running.query !== null && running.query === query;
  const state = mine ? running : IDLE_COLLECTION;
  useEffect(() => {
    if (running.status === 'loading' && !mine) cancel();
  }, [running.status, mine, cancel]);
  // Loaded by a press of "Count" (list-count): that press counts.
  const pressed = useRef(false);
  useEffect(() => {
    if (!openOnMount || pressed.current) return;
    pressed.current = true;
    start(query);
  }, [openOnMount, start, query]);

  const at = state.startedAt ? formatInstant(state.startedAt, timeZone).slice(11, 16) : '';
  const again = (label: string) => (
    <Button
      size="sm"
      variant="ghost"
      onClick={() => start(query)}
      aria-label="Count again"
      title="Count every matching job again"
    >
      {label}
    </Button>
  );
  return (
    <CountStatus status={state.status}>
      {state.status === 'idle' && <CountButton onClick={() => start(query)} />}
      {state.status === 'loading' && (
        <>
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-blue-500" aria-hidden />
          <span>Counting… {count(state.progress.loaded)} so far</span>
          <Button size="sm" onClick={cancel}>
            Cancel
          </Button>
        </>
      )}
      {state.status === 'done' &&
        (state.complete ? (
          <>
            <span data-testid="list-count-result">
              {count(state.progress.loaded)} matching (counted {at})
            </span>
            {again('↻')}
          </>
        ) : (
          <>
            <span data-testid="list-count-result">
              More than {count(BROWSER_JOBS_LIMIT)} matching — counting stops at {count(BROWSER_JOBS_LIMIT)} (counted{' '}
              {at}); narrow the filters for a number
            </span>
            {again('↻')}
          </>
        ))}
      {state.status === 'cancelled' && (
        <>
          <span data-testid="list-count-result">Count cancelled: at least {count(state.progress.loaded)} matching</span>
          {again('Count')}
        </>
      )}
      {state.status === 'error' && (
        <>
          <span className="text-red-700 dark:text-red-300">
            Count stopped after {count(state.progress.loaded)}: {state.error?.message}
          </span>
          {again('Try again')}
        </>
      )}
    </CountStatus>
  );
}
