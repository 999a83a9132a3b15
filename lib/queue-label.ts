/**
 * A queue as people and files name it: `mts-default (p1a2b…)`, the name the list shows beside the
 * ID CI and support look it up by. Names come from the queue listing (GET /api/queues in the
 * browser, the CI client's listQueues on the server); a queue the listing does not know keeps its
 * ID alone. Browser-safe and pure.
 */
import type { Queue } from './ci/types';

/** Queue ID → name, for the queues that have one. */
export type QueueNames = ReadonlyMap<string, string>;

export const NO_QUEUE_NAMES: QueueNames = new Map();

export function queueNames(queues: readonly Pick<Queue, 'queueId' | 'name'>[] | undefined): QueueNames {
  const names = new Map<string, string>();
  for (const q of queues ?? []) if (q.name) names.set(q.queueId, q.name);
  return names;
}

/** `name (ID)` when the name is known, else the ID; `—` for no queue. */
export function queueLabel(queueId: string | null | undefined, names: QueueNames = NO_QUEUE_NAMES): string {
  if (!queueId) return '—';
  const name = names.get(queueId);
  return name && name !== queueId ? `${name} (${queueId})` : queueId;
}
