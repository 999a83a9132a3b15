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
  /** The job index of this bucket (server/index/runtime indexHealth). */
  index?: IndexHealth;
}

export interface IndexHealth {
  state: 'off' | 'failed' | 'starting' | 'backfilling' | 'live' | 'behind';
  jobs: number | null;
  lagSeconds: number | null;
  oldest: string | null;
  newest: string | null;
  ciCallsLastHour: number;
  backfillPercent?: number;
  error?: string;
}

/** What the header says of the index: nothing when it is live (or off), else how far it is. */
export function indexStatusText(index: IndexHealth | undefined): string | null {
  switch (index?.state) {
    case 'backfilling':
      return index.backfillPercent !== undefined ? `indexing ${index.backfillPercent} %…` : 'indexing…';
    case 'behind':
      return `index behind${index.lagSeconds !== null ? ` (${Math.round(index.lagSeconds)} s)` : ''}`;
    case 'starting':
      return 'index starting…';
    case 'failed':
      return 'index failed';
    default:
      return null;
  }
}

/**
 * The index is live: every job a list matches can be streamed from it (the export of everything
 * matching, the list's Load all). Behind or backfilling, it lacks jobs CI has, so those read CI.
 */
export const indexStreams = (health: Health | undefined): boolean => health?.index?.state === 'live';

/** `bucket`: whose reachability to check ('' = the default bucket). */
export function fetchHealth(bucket: string, signal?: AbortSignal): Promise<Health> {
  return fetchJson<Health>(withBucket('/api/health', bucket), signal);
}

export function healthQueryOptions(bucket: string) {
  return queryOptions({
    queryKey: ['health', bucket] as const,
    queryFn: ({ signal }) => fetchHealth(bucket, signal),
    staleTime: 30_000,
    // While the index is getting ready the header shows its progress, so it is asked more often.
    refetchInterval: (query) =>
      query.state.data?.index?.state === 'backfilling' || query.state.data?.index?.state === 'starting'
        ? 5_000
        : 60_000,
  });
}

/** The health of the bucket the page shows. */
export function useHealth() {
  return useQuery(healthQueryOptions(useCurrentBucket()));
}
