/** GET /api/queues — every queue of every queue type: fetcher, query options and hook. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket } from '@/lib/bucket-param';
import type { Queue } from '@/lib/ci/types';
import { fetchJson } from '@/lib/fetch-json';
import { NO_QUEUE_NAMES, queueNames, type QueueNames } from '@/lib/queue-label';

/** `bucket`: whose queues ('' = the default bucket); each bucket has its own. */
export function fetchQueues(bucket: string, signal?: AbortSignal): Promise<{ queues: Queue[] }> {
  return fetchJson<{ queues: Queue[] }>(withBucket('/api/queues', bucket), signal);
}

export function queuesQueryOptions(bucket: string) {
  return queryOptions({
    queryKey: ['queues', bucket] as const,
    queryFn: ({ signal }) => fetchQueues(bucket, signal),
    staleTime: 5 * 60_000,
    select: (data) => data.queues,
  });
}

/** The queues of the bucket the page shows. */
export function useQueues() {
  return useQuery(queuesQueryOptions(useCurrentBucket()));
}

const namesOf = (data: { queues: Queue[] }) => queueNames(data.queues);

/**
 * The names of the bucket's queues by ID (lib/queue-label), for writing `mts-default (p…)` where a
 * job names only its queue ID; empty until the listing arrives (IDs then stand alone).
 */
export function useQueueNames(): QueueNames {
  const { data } = useQuery({ ...queuesQueryOptions(useCurrentBucket()), select: namesOf });
  return data ?? NO_QUEUE_NAMES;
}
