/** GET /api/jobs?… — one page of jobs: fetcher, query options and hook. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { JobPage } from '@/lib/ci/types';
import { fetchJson } from './fetch-json';

/**
 * `query` is the validated GET /api/jobs query string (lib/jobs-search-params `validateView`); it
 * carries the `bucket` when the view names one, so the bucket is part of every query key here.
 */
export function fetchJobs(query: string, signal?: AbortSignal): Promise<JobPage> {
  return fetchJson<JobPage>(`/api/jobs?${query}`, signal);
}

export function jobsQueryOptions(query: string) {
  return queryOptions({
    queryKey: ['jobs', query] as const,
    queryFn: ({ signal }) => fetchJobs(query, signal),
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    // Live refresh (components/jobs/use-live-refresh) owns retries, with back-off and a countdown.
    retry: false,
    staleTime: 2_000,
  });
}

/** null query: the view is invalid, nothing is requested. */
export function useJobs(query: string | null) {
  return useQuery({ ...jobsQueryOptions(query ?? ''), enabled: query !== null });
}
