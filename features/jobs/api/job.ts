/** GET /api/jobs/<id> — one job with its original XML fragment: fetcher, query options and hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket } from '@/lib/bucket-param';
import { FINAL_STATES } from '@/lib/ci/tags';
import type { Job } from '@/lib/ci/types';
import { ApiError, fetchJson } from '@/lib/fetch-json';

import { ACTIVE_STATES } from '../state-styles';

export interface JobWithXml {
  job: Job;
  xml: string;
}

/** `bucket`: the bucket the job is in ('' = the default); a job ID means something only there. */
export function fetchJob(jobId: string, bucket: string, signal?: AbortSignal): Promise<JobWithXml> {
  return fetchJson<JobWithXml>(withBucket(`/api/jobs/${encodeURIComponent(jobId)}`, bucket), signal);
}

export function jobQueryOptions(jobId: string, bucket: string) {
  return queryOptions({
    queryKey: ['job', bucket, jobId] as const,
    queryFn: ({ signal }) => fetchJob(jobId, bucket, signal),
    // A missing job or a bad ID will not appear by asking again; CI's hiccups may pass.
    retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    // A finished job does not change: the copy in hand (or the server's, with a deep link's HTML) stays
    // good, so reopening it or hydrating the page asks CI nothing.
    staleTime: (query) => (query.state.data && FINAL_STATES.has(query.state.data.job.state) ? Infinity : 2_000),
    // An open job that is still working refreshes itself.
    refetchInterval: (query) => (query.state.data && ACTIVE_STATES.has(query.state.data.job.state) ? 5_000 : false),
  });
}

/** A job of the bucket the page shows. */
export function useJob(jobId: string | null) {
  return useQuery({ ...jobQueryOptions(jobId ?? '', useCurrentBucket()), enabled: Boolean(jobId) });
}
