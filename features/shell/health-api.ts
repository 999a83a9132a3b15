/** GET /api/health — which backend the server uses and whether it answers: fetcher, options, hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket, type BucketInfo } from '@/lib/bucket-param';
import { fetchJson } from '@/lib/fetch-json';

export interface Health {
  mode: 'emulator' | 'ci';
  endpoint?: string;
  bucket: string;
  region: string;
  /** Every configured bucket (name and region). */
  buckets: BucketInfo[];
  upstream: { reachable: boolean; latencyMs: number; error?: { code: string; message: string } };
}

/** `bucket`: whose reachability to check ('' = the default bucket). */
export function fetchHealth(bucket: string, signal?: AbortSignal): Promise<Health> {
  return fetchJson<Health>(withBucket('/api/health', bucket), signal);
}

export function healthQueryOptions(bucket: string) {
  return queryOptions({
    queryKey: ['health', bucket] as const,
    queryFn: ({ signal }) => fetchHealth(bucket, signal),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
}

/** The health of the bucket the page shows. */
export function useHealth() {
  return useQuery(healthQueryOptions(useCurrentBucket()));
}
