/**
 * The bucket's queues and workflows. Ids and names are stable per seed; times are relative to the
 * start so they look current.
 */
import type { QueueType } from '@/lib/ci/tags';

import type { NotifyConfig, QueueRecord, QueueState, WorkflowRecord } from '../dataset';
import type { Rng } from '../random';
import { WORKFLOW_PLANS } from './catalogue';
import type { IdMaker } from './ids';
import { DAY, SECOND } from './units';

const QUEUE_SPECS: readonly [string, QueueType, QueueState, string, number][] = [
  ['mts-default', 'Transcoding', 'Active', 'Transcoding', 10],
  ['mts-archive (paused)', 'Transcoding', 'Paused', 'Transcoding', 5],
  ['speed-transcode', 'SpeedTranscoding', 'Active', 'SpeedTranscoding', 4],
  ['asr-default', 'Speeching', 'Active', 'Speeching', 10],
  ['pic-default', 'PicProcess', 'Active', 'PicProcess', 20],
  ['ai-default', 'AIProcess', 'Active', 'AIProcess', 5],
];

export function buildQueues(rng: Rng, ids: IdMaker, baseTime: number): QueueRecord[] {
  return QUEUE_SPECS.map(([name, queueType, state, category, maxConcurrent], i) => {
    const createMs = baseTime - rng.int(200, 400) * DAY - rng.int(0, DAY / SECOND) * SECOND;
    const notify: NotifyConfig =
      i === 3
        ? {
            url: '',
            event: 'TaskFinish',
            type: 'TDMQ',
            state: 'On',
            resultFormat: 'JSON',
            mq: { mode: 'Queue', region: 'Guangzhou', name: 'ci-asr-results' },
          }
        : {
            url: 'https://example.com/ci/callback?source=emulator&queue=' + name.replace(/[^a-z]+/g, '-'),
            event: 'TaskFinish,WorkflowFinish',
            type: 'Url',
            state: i === 1 ? 'Off' : 'On',
            resultFormat: i === 4 ? 'XML' : 'JSON',
          };
    return {
      queueId: ids.next('p'),
      name,
      state,
      queueType,
      category,
      maxSize: 10000,
      maxConcurrent,
      createMs,
      updateMs: createMs + rng.int(1, 150) * DAY,
      notify,
    };
  });
}

/** The queues jobs are put in: the active one of each type, and the paused one. */
export interface QueuePicker {
  active(type: QueueType): QueueRecord;
  paused: QueueRecord;
}

export function queuePicker(queues: readonly QueueRecord[]): QueuePicker {
  const paused = queues.find((q) => q.state === 'Paused');
  if (!paused) throw new Error('no paused queue');
  return {
    active(type) {
      const q = queues.find((x) => x.queueType === type && x.state === 'Active');
      if (!q) throw new Error(`no active ${type} queue`);
      return q;
    },
    paused,
  };
}

export function buildWorkflows(rng: Rng, ids: IdMaker, baseTime: number): WorkflowRecord[] {
  return WORKFLOW_PLANS.map((plan) => {
    const stamp = baseTime - rng.int(30, 300) * DAY;
    return {
      workflowId: ids.next('w'),
      name: plan.name,
      nodes: plan.tags.map((tag, i) => ({ name: `${tag}_${stamp + i * 137}`, tag })),
    };
  });
}
