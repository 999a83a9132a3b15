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
import { useEffect, type ComponentProps, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { lazyOnIntent } from '@/components/ui/lazy-on-intent';
import { IndexSourceLabel } from '@/features/index/index-source';
import { BROWSER_JOBS_LIMIT } from '@/features/jobs/api/job-pages';
import { useHealth } from '@/features/shell/health-api';
import type { IndexJobPage, JobPage } from '@/lib/ci/types';
import { fetchJson } from '@/lib/fetch-json';
import { isAllTagsQuery, isIndexQuery } from '@/lib/jobs-search-params';

export const count = (n: number) => n.toLocaleString('en-US');

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
  if (total) {
    return <IndexSourceLabel meta={total.meta} prefix={`${count(total.total)} matching`} />;
  }
  if (query === null) return null;
  return <Counter query={query} />;
}

/** The counter's frame, the same before and after its code is loaded (list-counter). */
export function CountStatus({ status, children }: { status: string; children: ReactNode }) {
  return (
    <span
      role="status"
      aria-live="polite"
      data-testid="list-count"
      data-status={status}
      className="flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300"
    >
      {children}
    </span>
  );
}

export function CountButton(props: Omit<ComponentProps<typeof Button>, 'size' | 'title' | 'children'>) {
  return (
    <Button
      size="sm"
      title={`CI gives no total: count every matching job, page by page (at most ${count(BROWSER_JOBS_LIMIT)})`}
      {...props}
    >
      Count
    </Button>
  );
}

// The counter (the overview's collector, its progress and results) loads on the intent to count (bench P5).
const Counter = lazyOnIntent<{ query: string }>(
  () => import('./list-counter').then((m) => m.ListCounter),
  function CountShell({ intent }) {
    return (
      <CountStatus status="idle">
        <CountButton onClick={intent.open} onPointerEnter={intent.preload} onFocus={intent.preload} />
      </CountStatus>
    );
  },
  'ListCounter',
);
