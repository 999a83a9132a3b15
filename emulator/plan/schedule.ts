/**
 * When each drafted job waits, runs and ends, and how: its queue, planned start and end, outcome,
 * failure and the progress a failure stops at. `viewAt` (dataset.ts) turns this plan and the clock
 * into the state a client sees.
 */
import type { JobRecord, Outcome, QueueRecord } from '../dataset';
import { hashString, type Rng } from '../random';
import { DURATION_S, failuresFor, TAG_QUEUE_TYPE } from './catalogue';
import type { Draft } from './drafts';
import { jobIdPrefix, type IdMaker } from './ids';
import type { QueuePicker } from './queues';
import { SECOND } from './units';

export interface ScheduleContext {
  rng: Rng;
  ids: IdMaker;
  seed: number;
  baseTime: number;
  queues: QueuePicker;
}

/** Timings per phase: what has run by the start, what runs now, what waits, what comes later. */
export function planJob(ctx: ScheduleContext, d: Draft): JobRecord {
  const { rng, baseTime } = ctx;
  const queueType = TAG_QUEUE_TYPE.get(d.tag) ?? 'Transcoding';
  let queue: QueueRecord = ctx.queues.active(queueType);
  if (d.tag === 'Transcode' && rng.chance(0.2)) queue = ctx.queues.active('SpeedTranscoding');
  const [minS, maxS] = DURATION_S[d.tag];
  let durationMs = Math.round(rng.logUniform(minS, maxS) * SECOND);
  let waitMs = Math.round(rng.logUniform(1, 60) * SECOND);
  let outcome: Outcome = d.outcome ?? (rng.chance(0.12) ? 'Failed' : 'Success');
  let creationMs = d.creationMs;
  let startMs: number | null = null;
  let endMs: number | null = null;

  switch (d.phase) {
    case 'pause':
      queue = ctx.queues.paused;
      outcome = 'Pause';
      break;
    case 'cancel':
      outcome = 'Cancel';
      endMs = Math.min(baseTime, creationMs + Math.round(rng.logUniform(5, 1800)) * SECOND);
      break;
    case 'batch':
      // A batch floods its queue: each item waits behind the ones before it, so a recent batch
      // still has a backlog of Submitted and Running jobs while old ones are long finished.
      startMs = creationMs + waitMs + (d.batchIndex ?? 0) * 30 * SECOND;
      endMs = startMs + durationMs;
      break;
    case 'running': {
      // Most running jobs take 2–20 minutes in all, so an open page sees progress move every
      // few seconds; a few long ones (hours) crawl.
      outcome = rng.chance(0.1) ? 'Failed' : 'Success';
      waitMs = Math.min(waitMs, Math.max(0, baseTime - creationMs - SECOND));
      startMs = creationMs + waitMs;
      const elapsedS = Math.round((baseTime - startMs) / SECOND);
      const totalS =
        elapsedS < 900
          ? rng.int(Math.max(120, elapsedS + 30), Math.max(1200, elapsedS + 60))
          : elapsedS + rng.int(1200, 3 * 3600);
      endMs = startMs + totalS * SECOND;
      break;
    }
    case 'submitted':
      outcome = rng.chance(0.1) ? 'Failed' : 'Success';
      startMs = baseTime + rng.int(10, 600) * SECOND;
      endMs = startMs + rng.int(60, 900) * SECOND;
      break;
    case 'future': {
      const roll = rng.next();
      if (roll < 0.01 && queueType === 'Transcoding') {
        queue = ctx.queues.paused;
        outcome = 'Pause';
      } else if (roll < 0.02) {
        outcome = 'Cancel';
        endMs = creationMs + rng.int(5, 600) * SECOND;
      } else {
        outcome = roll < 0.1 ? 'Failed' : 'Success';
        if (rng.chance(0.5)) durationMs = rng.int(120, 1200) * SECOND;
        startMs = creationMs + waitMs;
        endMs = startMs + durationMs;
      }
      break;
    }
    case 'history': {
      // Finished before the start: pull creation back if the run would still be going.
      const latestEnd = baseTime - SECOND;
      if (creationMs + waitMs + durationMs > latestEnd)
        creationMs = Math.floor((latestEnd - waitMs - durationMs) / SECOND) * SECOND;
      startMs = creationMs + waitMs;
      endMs = startMs + durationMs;
      break;
    }
  }
  if (outcome === 'Failed' && startMs !== null && endMs !== null) {
    // Failures mostly happen early (input download/probe), sometimes mid-run.
    if (rng.chance(0.6)) endMs = startMs + Math.min(endMs - startMs, rng.int(1, 8) * SECOND);
  }
  const failure =
    outcome === 'Failed' ? rng.weighted(failuresFor(d.tag).map((f) => [f, f.weight] as const)) : undefined;
  let failProgress = outcome === 'Failed' ? (rng.chance(0.6) ? 0 : rng.int(5, 90)) : 0;
  if (failure?.atStart && startMs !== null && endMs !== null) {
    // A missing input, a refused read or a bad template stops the job before any work: at once, 0 %.
    // (Adjusted after the draws above so the seeded data set stays the same otherwise.)
    endMs = startMs + Math.min(endMs - startMs, 2 * SECOND);
    failProgress = 0;
  }
  const jobId = ctx.ids.next(jobIdPrefix(d.tag));
  return {
    jobId,
    tag: d.tag,
    queueId: queue.queueId,
    queueType: queue.queueType,
    creationMs,
    startMs,
    endMs,
    outcome,
    ...(failure ? { failure } : {}),
    failProgress,
    input: d.input,
    ...(d.workflow ? { workflow: d.workflow } : {}),
    ...(d.inventoryTriggerJobId ? { inventoryTriggerJobId: d.inventoryTriggerJobId } : {}),
    // Seeded by the `j` form of the id, so a job's content is the same whatever its prefix.
    contentSeed: hashString(`j${jobId.slice(1)}`, ctx.seed),
  };
}
