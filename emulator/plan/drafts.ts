/**
 * What jobs the demo data set holds, before their timing is planned: a coverage set (every tag,
 * every state), inventory-trigger batches, workflow runs and single jobs in the past, and a trickle
 * of jobs "created" after the start. All draws come from the data set's one generator, in this order.
 */
import { TAGS, type Tag } from '@/lib/ci/tags';

import { IMAGE_STEMS, VIDEO_STEMS } from '../corpus';
import type { BatchJobRecord, JobInput, JobWorkflowRef, Outcome, WorkflowRecord } from '../dataset';
import type { Rng } from '../random';
import { BATCH_PLANS, inputKind, TAG_ENTRIES, TAG_QUEUE_TYPE } from './catalogue';
import type { IdMaker } from './ids';
import { chinaHourOf, DAY, hourWeight, SECOND } from './units';

export type Phase = 'history' | 'running' | 'submitted' | 'pause' | 'cancel' | 'future' | 'batch';

export interface Draft {
  tag: Tag;
  phase: Phase;
  input: JobInput;
  creationMs: number;
  workflow?: JobWorkflowRef;
  inventoryTriggerJobId?: string;
  /** Position in its inventory-trigger batch: later items wait longer in the queue. */
  batchIndex?: number;
  outcome?: Outcome;
}

export interface DraftContext {
  rng: Rng;
  ids: IdMaker;
  baseTime: number;
  total: number;
  workflows: readonly WorkflowRecord[];
  inputFor: (tag: Tag, objectKey?: string) => JobInput;
}

/** Uniform over 30 days, thinned at night (China time) so the timeline has a daily rhythm. */
export function pastCreation(rng: Rng, baseTime: number): number {
  for (;;) {
    const ms = baseTime - rng.int(60, (30 * DAY) / SECOND) * SECOND;
    if (rng.chance(hourWeight(chinaHourOf(ms)))) return ms;
  }
}

const pickPhase = (rng: Rng): Phase =>
  rng.weighted<Phase>([
    ['history', 85],
    ['running', 4.5],
    ['submitted', 2.5],
    ['pause', 3.5],
    ['cancel', 2.5],
  ]);

function creationFor(rng: Rng, baseTime: number, phase: Phase): number {
  switch (phase) {
    case 'running':
      return rng.chance(0.85)
        ? baseTime - rng.int(5, 14 * 60) * SECOND
        : baseTime - rng.int(30 * 60, 6 * 3600) * SECOND;
    case 'submitted':
      return baseTime - rng.int(3, 15 * 60) * SECOND;
    case 'future':
      return baseTime + rng.int(1, DAY / SECOND) * SECOND;
    default:
      return pastCreation(rng, baseTime);
  }
}

/** Every tag once (finished), then every state once, so even tiny data sets exercise each tag and state. */
function coverage(ctx: DraftContext, drafts: Draft[]) {
  const { rng, baseTime, inputFor } = ctx;
  for (const t of TAGS)
    drafts.push({
      tag: t.code,
      phase: 'history',
      outcome: 'Success',
      input: inputFor(t.code),
      creationMs: pastCreation(rng, baseTime),
    });
  for (const phase of ['running', 'submitted', 'pause', 'cancel'] as const) {
    drafts.push({
      tag: 'Transcode',
      phase,
      input: inputFor('Transcode'),
      creationMs: creationFor(rng, baseTime, phase),
    });
  }
  drafts.push({
    tag: 'Transcode',
    phase: 'history',
    outcome: 'Failed',
    input: inputFor('Transcode'),
    creationMs: pastCreation(rng, baseTime),
  });
}

/** Inventory-trigger batch jobs: bursts of one tag over one folder. */
function batches(ctx: DraftContext, drafts: Draft[], pastShare: number): BatchJobRecord[] {
  const { rng, ids, baseTime, total, inputFor } = ctx;
  const batchJobs: BatchJobRecord[] = [];
  const batchSize = Math.max(2, Math.round(total * 0.02));
  for (const plan of BATCH_PLANS) {
    if (drafts.length + batchSize > pastShare) break;
    const batch: BatchJobRecord = {
      jobId: ids.next('b'),
      name: plan.name,
      tag: plan.tag,
      creationMs: baseTime - plan.agoMs,
      folder: plan.folder,
    };
    batchJobs.push(batch);
    const stems = inputKind(plan.tag) === 'image' ? IMAGE_STEMS : VIDEO_STEMS;
    const ext = inputKind(plan.tag) === 'image' ? 'png' : 'mp4';
    let creationMs = batch.creationMs;
    for (let i = 0; i < batchSize; i++) {
      // The batch fans out at ~2 jobs/s over the folder's existing objects.
      creationMs += rng.int(0, 1) * SECOND;
      const key = `${plan.folder}${rng.pick(stems)}_${String(i + 1).padStart(4, '0')}.${ext}`;
      drafts.push({
        tag: plan.tag,
        phase: 'batch',
        input: inputFor(plan.tag, key),
        creationMs,
        inventoryTriggerJobId: batch.jobId,
        batchIndex: i,
      });
    }
  }
  return batchJobs;
}

/** Workflow runs (one job per node, a second apart) and single jobs until the past share is full. */
function runsAndSingles(ctx: DraftContext, drafts: Draft[], pastShare: number) {
  const { rng, baseTime, workflows, inputFor } = ctx;
  while (drafts.length < pastShare) {
    const phase = pickPhase(rng);
    if (rng.chance(0.22)) {
      const wf = rng.pick(workflows);
      const runId = 'i' + rng.hex(32);
      const first = wf.nodes[0];
      if (!first) continue;
      const input = inputFor(first.tag);
      const runPhase = phase === 'pause' ? 'history' : phase;
      const creationMs = creationFor(rng, baseTime, runPhase);
      wf.nodes.forEach((node, i) => {
        if (drafts.length >= pastShare) return;
        drafts.push({
          tag: node.tag,
          phase: runPhase,
          input: { ...input },
          creationMs: Math.min(creationMs + i * SECOND, baseTime),
          workflow: { runId, workflowId: wf.workflowId, workflowName: wf.name, name: node.name },
        });
      });
    } else {
      let tag = rng.weighted(TAG_ENTRIES);
      // Only the paused Transcoding queue holds paused jobs.
      if (phase === 'pause' && TAG_QUEUE_TYPE.get(tag) !== 'Transcoding') tag = 'Transcode';
      drafts.push({ tag, phase, input: inputFor(tag), creationMs: creationFor(rng, baseTime, phase) });
    }
  }
}

export function draftJobs(ctx: DraftContext): { drafts: Draft[]; batchJobs: BatchJobRecord[] } {
  const { rng, baseTime, total, inputFor } = ctx;
  const drafts: Draft[] = [];
  const pastShare = total - Math.round(total * 0.08);
  coverage(ctx, drafts);
  const batchJobs = batches(ctx, drafts, pastShare);
  runsAndSingles(ctx, drafts, pastShare);
  while (drafts.length < total) {
    const tag = rng.weighted(TAG_ENTRIES);
    drafts.push({ tag, phase: 'future', input: inputFor(tag), creationMs: creationFor(rng, baseTime, 'future') });
  }
  return { drafts, batchJobs };
}
