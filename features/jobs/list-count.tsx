'use client';

/**
 * How many jobs the list's filters match. CI never says (a NextToken, no total), so:
 * - an answer of the job index carries `total` already (an error-code or contains filter);
 * - with the index live (or behind, and saying so), a plain list asks it for the count alone (/api/jobs?…&source=index&size=1,
 *   one quick request), and the page indicator says "1–20 of 12,989";
 * - without it, "Count" walks every matching page with the overview's collector
 *   (features/collection), with progress and Cancel, and says "12,989 matching (counted 14:05)" —
 *   or that it stopped at the collector's 20,000 limit.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';

import { Button } from '@/components/ui/button';
import { IDLE_COLLECTION, useJobCollection } from '@/features/collection/use-job-collection';
import { IndexSourceLabel } from '@/features/index/index-source';
import { BROWSER_JOBS_LIMIT } from '@/features/jobs/api/job-pages';
import { usePreferences } from '@/features/preferences/preferences';
import { useHealth } from '@/features/shell/health-api';
import type { IndexJobPage, JobPage } from '@/lib/ci/types';
import { fetchJson } from '@/lib/fetch-json';
import { formatInstant } from '@/lib/format';
import { isAllTagsQuery, isIndexQuery } from '@/lib/jobs-search-params';

const count = (n: number) => n.toLocaleString('en-US');

/** The /api/jobs query that asks the index for the count of a validated list query (one job, with `total`). */
export function indexCountQuery(query: string): string {
  const search = new URLSearchParams(query);
  if (isAllTagsQuery(query)) search.set('tag', 'all');
  search.set('size', '1');
  search.set('source', 'index');
  return search.toString();
}

export interface ListTotal {
  total: number;
  meta: Pick<IndexJobPage, 'asOf' | 'index'>;
}

/**
 * The total of the list, when the index knows it: from the answer itself, or (index live, a CI
 * answer) from the index, asked again whenever the list is (`updatedAt`).
 */
export function useListTotal(query: string | null, answer: JobPage | undefined, updatedAt: number): ListTotal | null {
  const { data: health } = useHealth();
  const fromAnswer = answer?.total !== undefined && answer.index ? answer : null;
  // Behind (the sync lags) still counts every job up to its lag, and the label says "index (behind)";
  // a backfilling index does not hold the whole window yet.
  const whole = health?.index?.state === 'live' || health?.index?.state === 'behind';
  const ask = query !== null && !isIndexQuery(query) && whole && !fromAnswer;
  const counted = useQuery({
    queryKey: ['list-total', query ?? ''] as const,
    queryFn: ({ signal }) => fetchJson<IndexJobPage>(`/api/jobs?${indexCountQuery(query ?? '')}`, signal),
    enabled: ask,
    retry: false,
    staleTime: 2_000,
  });
  const { refetch } = counted;
  // The list was asked again (live refresh, Refresh): so is the count — unless it is being asked already.
  useEffect(() => {
    if (ask && updatedAt > 0) void refetch({ cancelRefetch: false });
  }, [ask, updatedAt, refetch]);
  if (fromAnswer)
    return { total: fromAnswer.total!, meta: { asOf: fromAnswer.asOf ?? null, index: fromAnswer.index! } };
  if (ask && counted.data) return { total: counted.data.total, meta: counted.data };
  return null;
}

/** The source of a known total, or "Count" and its progress when there is none. */
export function ListCount({ query, total }: { query: string | null; total: ListTotal | null }) {
  const { timeZone } = usePreferences();
  const { state: running, start, cancel } = useJobCollection(null, { auto: false });
  // A count belongs to the filters it was made under; other filters start with "Count" again.
  const mine = running.query !== null && running.query === query;
  const state = mine ? running : IDLE_COLLECTION;
  useEffect(() => {
    if (running.status === 'loading' && !mine) cancel();
  }, [running.status, mine, cancel]);

  if (total) {
    return <IndexSourceLabel meta={total.meta} prefix={`${count(total.total)} matching`} />;
  }
  if (query === null) return null;
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
    <span
      role="status"
      aria-live="polite"
      data-testid="list-count"
      data-status={state.status}
      className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300"
    >
      {state.status === 'idle' && (
        <Button
          size="sm"
          onClick={() => start(query)}
          title={`CI gives no total: count every matching job, page by page (at most ${count(BROWSER_JOBS_LIMIT)})`}
        >
          Count
        </Button>
      )}
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
    </span>
  );
}
