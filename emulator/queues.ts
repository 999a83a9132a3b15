/**
 * The queue-search endpoints (reference §3.3): GET /queue (media: Transcoding and
 * SpeedTranscoding, chosen by `category`), /asrqueue, /picqueue and /ai_queue.
 */
import type { QueueType } from '@/lib/ci/tags';

import type { Dataset, QueueRecord } from './dataset';
import { collectParams, InvalidArgumentError, type QueryPairs } from './query';

export const QUEUE_ROUTES: Readonly<Record<string, { types: readonly QueueType[]; hasCategory: boolean }>> = {
  '/queue': { types: ['Transcoding', 'SpeedTranscoding'], hasCategory: true },
  '/asrqueue': { types: ['Speeching'], hasCategory: false },
  '/picqueue': { types: ['PicProcess'], hasCategory: false },
  '/ai_queue': { types: ['AIProcess'], hasCategory: false },
};

const CATEGORIES: Readonly<Record<string, readonly QueueType[]>> = {
  CateAll: ['Transcoding', 'SpeedTranscoding'],
  Transcoding: ['Transcoding'],
  SpeedTranscoding: ['SpeedTranscoding'],
};

export interface QueueSearchResult {
  totalCount: number;
  pageNumber: number;
  pageSize: number;
  queues: QueueRecord[];
  nonExistent: string[];
  ignored: string[];
}

function positive(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max))
    throw new InvalidArgumentError(
      name,
      `Parameter ${name} must be an integer between 1 and ${max}; got '${value.slice(0, 64)}'`,
    );
  return n;
}

export function searchQueues(dataset: Dataset, route: string, pairs: QueryPairs): QueueSearchResult {
  const spec = QUEUE_ROUTES[route];
  if (!spec) throw new Error(`not a queue route: ${route}`);
  const known = new Set(['queueIds', 'state', 'pageNumber', 'pageSize', ...(spec.hasCategory ? ['category'] : [])]);
  const { values, ignored } = collectParams<string>(pairs, known);

  let types = spec.types;
  if (spec.hasCategory) {
    // CI's default category for /queue is Transcoding.
    const category = values.get('category') ?? 'Transcoding';
    const chosen = CATEGORIES[category];
    if (!chosen) {
      throw new InvalidArgumentError(
        'category',
        `Parameter category must be one of ${Object.keys(CATEGORIES).join(', ')}; got '${category.slice(0, 64)}'`,
      );
    }
    types = chosen;
  }
  const state = values.get('state');
  if (state !== undefined && state !== 'Active' && state !== 'Paused') {
    throw new InvalidArgumentError('state', `Parameter state must be Active or Paused; got '${state.slice(0, 64)}'`);
  }
  const pageNumber = positive('pageNumber', values.get('pageNumber'), 1, 100000);
  const pageSize = positive('pageSize', values.get('pageSize'), 10, 100);
  const ids = values.get('queueIds')?.split(',').filter(Boolean);
  if (ids && ids.length > 100)
    throw new InvalidArgumentError('queueIds', 'Parameter queueIds accepts at most 100 queue ids');

  let queues = dataset.queues.filter((q) => types.includes(q.queueType));
  const nonExistent: string[] = [];
  if (ids) {
    const wanted = new Set(ids);
    for (const id of wanted) if (!queues.some((q) => q.queueId === id)) nonExistent.push(id);
    queues = queues.filter((q) => wanted.has(q.queueId));
  }
  if (state) queues = queues.filter((q) => q.state === state);
  const start = (pageNumber - 1) * pageSize;
  return {
    totalCount: queues.length,
    pageNumber,
    pageSize,
    queues: queues.slice(start, start + pageSize),
    nonExistent,
    ignored,
  };
}
