/** GET /api/jobs?… (one tag) or /api/jobs/all?… (every tag) — one page of jobs: fetcher, query options and hook. */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { AllTagsPage, IndexJobPage, JobPage } from '@/lib/ci/types';
import { fetchJson } from '@/lib/fetch-json';
import { allTagsAsJobPage, isAllTagsQuery, isIndexQuery } from '@/lib/jobs-search-params';

/**
 * `query` is a validated page query (lib/jobs-search-params `validateView` + `pageQuery`); it carries
 * the `bucket` when the view names one, so the bucket is part of every query key here. A query
 * without a tag asks every tag; its combined cursor comes back as the page's `nextToken`, so the
 * views page both lists the same way. A query with a filter only the job index answers (lib/jobs-search-params
 * isIndexQuery) is answered by /api/jobs from the index, with `total`, paging with its cursor.
 */
export async function fetchJobs(query: string, signal?: AbortSignal): Promise<JobPage> {
  if (isIndexQuery(query)) {
    // The index's keyset cursor leads to the next page, as CI's NextToken does for one tag.
    const page = await fetchJson<IndexJobPage>(`/api/jobs?${query}`, signal);
    return { ...page, nextToken: page.cursor };
  }
  if (!isAllTagsQuery(query)) return fetchJson<JobPage>(`/api/jobs?${query}`, signal);
  return allTagsAsJobPage(await fetchJson<AllTagsPage>(`/api/jobs/all?${query}`, signal));
}

export function jobsQueryOptions(query: string) {
  return queryOptions({
    queryKey: ['jobs', query] as const,
    queryFn: ({ signal }) => fetchJobs(query, signal),
    // The previous page stays on screen while the next one loads.
    placeholderData: keepPreviousData,
    // Live refresh (features/jobs/use-live-refresh) owns retries, with back-off and a countdown.
    retry: false,
    staleTime: 2_000,
  });
}

/** null query: the view is invalid, nothing is requested. */
export function useJobs(query: string | null) {
  return useQuery({ ...jobsQueryOptions(query ?? ''), enabled: query !== null });
}
