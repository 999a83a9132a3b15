/** GET /api/jobs/<id> — one job with its original XML fragment: fetcher, query options and hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Job } from '@/lib/ci/types';
import { ApiError, fetchJson } from './fetch-json';

export interface JobWithXml {
  job: Job;
  xml: string;
}

export function fetchJob(jobId: string, signal?: AbortSignal): Promise<JobWithXml> {
  return fetchJson<JobWithXml>(`/api/jobs/${encodeURIComponent(jobId)}`, signal);
}

const ACTIVE = new Set(['Submitted', 'Running']);

export function jobQueryOptions(jobId: string) {
  return queryOptions({
    queryKey: ['job', jobId] as const,
    queryFn: ({ signal }) => fetchJob(jobId, signal),
    // A missing job or a bad ID will not appear by asking again; CI's hiccups may pass.
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    // An open job that is still working refreshes itself.
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.job.state) ? 5_000 : false),
  });
}

export function useJob(jobId: string | null) {
  return useQuery({ ...jobQueryOptions(jobId ?? ''), enabled: Boolean(jobId) });
}
