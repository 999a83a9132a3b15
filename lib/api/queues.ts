/** GET /api/queues — every queue of every queue type: fetcher, query options and hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Queue } from '@/lib/ci/types';
import { fetchJson } from './fetch-json';

export function fetchQueues(signal?: AbortSignal): Promise<{ queues: Queue[] }> {
  return fetchJson<{ queues: Queue[] }>('/api/queues', signal);
}

export function queuesQueryOptions() {
  return queryOptions({
    queryKey: ['queues'] as const,
    queryFn: ({ signal }) => fetchQueues(signal),
    staleTime: 5 * 60_000,
    select: (data) => data.queues,
  });
}

export function useQueues() {
  return useQuery(queuesQueryOptions());
}
