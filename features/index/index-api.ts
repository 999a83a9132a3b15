/**
 * The job index as the pages see it: GET /api/overview (the figures of a whole window in one
 * request), and what an index answer says about itself (`source`, `asOf`, its state) so a page can
 * name it ("index, 3 s ago"). A 503 IndexUnavailable means the index is off or not ready: the page
 * then collects from CI as it did before the index, and says so.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import type { TagDurations, TimeSlot } from '@/features/overview/aggregate';
import { ApiError, fetchJson } from '@/lib/fetch-json';
import type { TimeZoneChoice } from '@/lib/format';
import type { FailureCode } from '@/lib/overview';

export interface IndexMeta {
  source: 'index';
  /** The index is current as of this instant (ISO), or null before its first cycle. */
  asOf: string | null;
  index: { state: string; lagSeconds: number | null; oldest: string | null };
}

export interface OverviewFigures extends IndexMeta {
  total: number;
  byState: Record<string, number>;
  byTime: { unit: 'hour' | 'day'; buckets: TimeSlot[] };
  runTimeByTag: TagDurations[];
  failuresByCode: FailureCode[];
  window: { after: string; before: string };
}

/** The index cannot answer (off, failed, starting): the page falls back to collecting from CI. */
export function isIndexUnavailable(error: unknown): boolean {
  return error instanceof ApiError && error.status === 503 && error.code === 'IndexUnavailable';
}

/** The zone of the day bars, as /api/overview takes it. */
export function overviewTimeZone(zone: TimeZoneChoice): string {
  if (zone === 'utc') return 'utc';
  if (zone === 'cst') return '+08:00';
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'utc';
}

/**
 * The /api/overview query of a validated list query (lib/jobs-search-params validateView): the
 * same filters and window, without the list's own order and page size; every tag is `tag=all`.
 */
export function overviewQuery(listQuery: string, zone: TimeZoneChoice): string {
  const search = new URLSearchParams(listQuery);
  search.delete('orderByTime');
  search.delete('size');
  if (!search.has('tag')) search.set('tag', 'all');
  search.set('timeZone', overviewTimeZone(zone));
  return search.toString();
}

export function overviewQueryOptions(query: string) {
  return queryOptions({
    queryKey: ['overview', query] as const,
    queryFn: ({ signal }) => fetchJson<OverviewFigures>(`/api/overview?${query}`, signal),
    retry: false,
    staleTime: 5_000,
  });
}

/** null: nothing to ask yet (an invalid view, or a window still being anchored). */
export function useIndexOverview(query: string | null) {
  return useQuery({ ...overviewQueryOptions(query ?? ''), enabled: query !== null });
}

const seconds = (n: number) =>
  n < 90 ? `${Math.max(0, Math.round(n))} s` : n < 5400 ? `${Math.round(n / 60)} min` : `${Math.round(n / 3600)} h`;

/** "index, 3 s ago" (and "behind" when the sync lags): how fresh an index answer is, at `now`. */
export function describeIndexSource(meta: Pick<IndexMeta, 'asOf' | 'index'>, now: number): string {
  const asOf = meta.asOf ? Date.parse(meta.asOf) : NaN;
  const age = Number.isFinite(asOf) ? `${seconds((now - asOf) / 1000)} ago` : 'not yet current';
  return `index${meta.index.state === 'behind' ? ' (behind)' : ''}, ${age}`;
}
