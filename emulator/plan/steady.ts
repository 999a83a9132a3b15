/**
 * The steady-rate data set (EMULATOR_JOBS_PER_HOUR over EMULATOR_DAYS): jobs arrive at one rate
 * from `days` before the start to a day after it, up to millions of them, for index and sync work.
 *
 * Held compactly: one pass draws each job's tag, outcome and run time into typed columns (about
 * 17 bytes a job) while a per-queue simulation gives each its start, so a queue never runs more
 * than its `maxConcurrent` jobs at once and the rest wait as Submitted, as on CI. Everything else
 * about a job (its id, input, workflow) is drawn again from its own seed when it is asked for, and
 * the id carries the job's number, so finding a job by id needs no map. Records are cached while
 * in use.
 */
import { TAGS, type QueueType, type Tag } from '@/lib/ci/tags';

import {
  viewAt,
  type Dataset,
  type JobInput,
  type JobList,
  type JobRecord,
  type Outcome,
  type QueueRecord,
} from '../dataset';
import { hashString, Rng } from '../random';
import { DURATION_S, failuresFor, TAG_ENTRIES, TAG_QUEUE_TYPE, WORKFLOW_PLANS } from './catalogue';
import { IdMaker, jobIdPrefix } from './ids';
import { buildLibrary, inputFor } from './inputs';
import { buildQueues, buildWorkflows, queuePicker } from './queues';
import { DAY, SECOND } from './units';

export interface SteadyDatasetOptions {
  seed: number;
  baseTime: number;
  bucket: string;
  region: string;
  jobsPerHour: number;
  /** Days of history before baseTime; one more day of jobs follows it. */
  days: number;
}

const OUTCOMES: readonly Outcome[] = ['Success', 'Failed', 'Pause', 'Cancel'];
const TAG_LIST: readonly Tag[] = TAGS.map((t) => t.code);
const NO_TIME = -1;

/** Mean of a log-uniform draw between a and b. */
const logUniformMean = (a: number, b: number) => (b - a) / Math.log(b / a);

/** Share of each queue type's jobs sent to SpeedTranscoding instead (as in the demo set). */
const SPEED_SHARE = 0.2;

/**
 * Concurrency each queue type needs at this rate (jobs/s × mean run time), with headroom so waits
 * stay short but a burst still queues. CI's queues are sized by their owners much the same way.
 */
function neededConcurrency(jobsPerHour: number): Map<QueueType, number> {
  const totalWeight = TAG_ENTRIES.reduce((sum, [, w]) => sum + w, 0);
  const load = new Map<QueueType, number>();
  for (const [tag, weight] of TAG_ENTRIES) {
    const [a, b] = DURATION_S[tag];
    const seconds = ((jobsPerHour / 3600) * weight * logUniformMean(a, b)) / totalWeight;
    const type = TAG_QUEUE_TYPE.get(tag) ?? 'Transcoding';
    if (tag === 'Transcode') {
      load.set('SpeedTranscoding', (load.get('SpeedTranscoding') ?? 0) + seconds * SPEED_SHARE);
      load.set(type, (load.get(type) ?? 0) + seconds * (1 - SPEED_SHARE));
    } else load.set(type, (load.get(type) ?? 0) + seconds);
  }
  return new Map([...load].map(([type, l]) => [type, Math.ceil(l * 1.3 + 1)]));
}

/** A min-heap of the times a queue's slots become free. */
class Slots {
  private readonly heap: Float64Array;
  constructor(size: number) {
    this.heap = new Float64Array(Math.max(1, size));
  }
  get earliest(): number {
    return this.heap[0]!;
  }
  /** Takes the earliest free slot and holds it until `until`. */
  take(until: number) {
    const h = this.heap;
    h[0] = until;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]! < h[m]!) m = l;
      if (r < h.length && h[r]! < h[m]!) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** 32-bit Feistel permutation: the job number hidden in the last 8 hex digits of its id, and back. */
function permute(n: number, key: number, inverse = false): number {
  let l = n >>> 16;
  let r = n & 0xffff;
  for (let round = 0; round < 4; round++) {
    const k = inverse ? 3 - round : round;
    const f = (Math.imul(inverse ? l : r, 0x9e3779b1) ^ (key + k * 0x7f4a7c15)) >>> 16;
    if (inverse) [l, r] = [r ^ f, l];
    else [l, r] = [r, l ^ f];
  }
  return ((l << 16) | r) >>> 0;
}

export function createSteadyDataset(options: SteadyDatasetOptions): Dataset {
  const { seed, bucket, region, jobsPerHour, days } = options;
  const baseTime = Math.floor(options.baseTime / SECOND) * SECOND;
  const rng = new Rng(seed);
  const ids = new IdMaker(rng);
  const needed = neededConcurrency(jobsPerHour);
  const queues: QueueRecord[] = buildQueues(rng, ids, baseTime).map((q) =>
    q.state === 'Active' ? { ...q, maxConcurrent: Math.max(q.maxConcurrent, needed.get(q.queueType) ?? 1) } : q,
  );
  const picker = queuePicker(queues);
  const workflows = buildWorkflows(rng, ids, baseTime);
  const queueIndex = new Map(queues.map((q, i) => [q.queueId, i]));

  const startSec = Math.floor((baseTime - days * DAY) / SECOND);
  const spanSec = Math.floor(((days + 1) * DAY) / SECOND);
  const count = Math.round((jobsPerHour * spanSec) / 3600);
  const created = new Uint32Array(count);
  const tagOf = new Uint8Array(count);
  const outcomeOf = new Uint8Array(count);
  const queueOf = new Uint8Array(count);
  const startOf = new Int32Array(count); // seconds after creation, or NO_TIME
  const endOf = new Int32Array(count); // seconds after creation, or NO_TIME
  const failureOf = new Uint8Array(count);
  const failProgressOf = new Uint8Array(count);
  const slots = queues.map((q) => new Slots(q.maxConcurrent));
  const tagIndex = new Map(TAG_LIST.map((t, i) => [t, i]));

  const jobSeed = (k: number) => hashString(String(k), seed ^ 0x5bd1e995);
  for (let k = 0; k < count; k++) {
    const r = new Rng(jobSeed(k));
    // Evenly spaced with a little jitter; never out of order.
    const c = startSec + Math.floor(((k + r.next()) * spanSec) / count);
    created[k] = c;
    const tag = r.weighted(TAG_ENTRIES);
    tagOf[k] = tagIndex.get(tag)!;
    const type = TAG_QUEUE_TYPE.get(tag) ?? 'Transcoding';
    let queue = picker.active(tag === 'Transcode' && r.chance(SPEED_SHARE) ? 'SpeedTranscoding' : type);
    const roll = r.next();
    let outcome: Outcome = roll < 0.1 ? 'Failed' : 'Success';
    if (roll > 0.995 && type === 'Transcoding') {
      queue = picker.paused;
      outcome = 'Pause';
    } else if (roll > 0.985) outcome = 'Cancel';
    const [minS, maxS] = DURATION_S[tag];
    let duration = Math.max(1, Math.round(r.logUniform(minS, maxS)));
    const q = queueIndex.get(queue.queueId)!;
    queueOf[k] = q;
    outcomeOf[k] = OUTCOMES.indexOf(outcome);
    startOf[k] = NO_TIME;
    endOf[k] = NO_TIME;
    if (outcome === 'Pause') continue;
    if (outcome === 'Cancel') {
      // Cancelled while it waited.
      endOf[k] = r.int(5, 600);
      continue;
    }
    if (outcome === 'Failed') {
      const list = failuresFor(tag);
      const failure = r.weighted(list.map((f, i) => [i, f.weight] as const));
      failureOf[k] = failure;
      const early = list[failure]!.atStart || r.chance(0.6);
      if (early) duration = Math.min(duration, r.int(1, 8));
      failProgressOf[k] = list[failure]!.atStart ? 0 : r.chance(0.6) ? 0 : r.int(5, 90);
    }
    // Dispatch takes a moment; then the job waits for a free slot of its queue.
    const slot = slots[q]!;
    const start = Math.max(c + r.int(1, 5), Math.ceil(slot.earliest));
    slot.take(start + duration);
    startOf[k] = start - c;
    endOf[k] = start + duration - c;
  }

  const byTagIndex = new Map<Tag, Uint32Array>();
  {
    const counts = new Uint32Array(TAG_LIST.length);
    for (let k = 0; k < count; k++) counts[tagOf[k]!]! += 1;
    const lists = TAG_LIST.map((_, i) => new Uint32Array(counts[i]!));
    const fill = new Uint32Array(TAG_LIST.length);
    for (let k = 0; k < count; k++) {
      const t = tagOf[k]!;
      lists[t]![fill[t]!++] = k;
    }
    TAG_LIST.forEach((tag, i) => byTagIndex.set(tag, lists[i]!));
  }

  const library = buildLibrary(seed, Math.min(count, 50_000));
  const idKey = hashString('steady-ids', seed);
  const cache = new Map<number, JobRecord>();
  const msOf = (k: number, offset: number) => (offset === NO_TIME ? null : (created[k]! + offset) * SECOND);

  function materialize(k: number): JobRecord {
    const hit = cache.get(k);
    if (hit) return hit;
    const tag = TAG_LIST[tagOf[k]!]!;
    const r = new Rng(hashString('job', jobSeed(k)));
    const hex = r.hex(24) + permute(k, idKey).toString(16).padStart(8, '0');
    const jobId = jobIdPrefix(tag) + hex;
    const queue = queues[queueOf[k]!]!;
    const outcome = OUTCOMES[outcomeOf[k]!]!;
    const input: JobInput = inputFor(r, library, { bucket, region }, tag);
    const plan = WORKFLOW_PLANS.findIndex((p) => p.tags[0] === tag);
    const workflow = plan >= 0 && r.chance(0.25) ? workflows[plan] : undefined;
    const record: JobRecord = {
      jobId,
      tag,
      queueId: queue.queueId,
      queueType: queue.queueType,
      creationMs: created[k]! * SECOND,
      startMs: msOf(k, startOf[k]!),
      endMs: msOf(k, endOf[k]!),
      outcome,
      ...(outcome === 'Failed' ? { failure: failuresFor(tag)[failureOf[k]!]! } : {}),
      failProgress: failProgressOf[k]!,
      input,
      ...(workflow
        ? {
            workflow: {
              runId: 'i' + r.hex(32),
              workflowId: workflow.workflowId,
              workflowName: workflow.name,
              name: workflow.nodes[0]!.name,
            },
          }
        : {}),
      contentSeed: hashString(`j${hex}`, seed),
    };
    // Bounded: a walk through a million jobs must not keep them all.
    if (cache.size >= 50_000) cache.clear();
    cache.set(k, record);
    return record;
  }

  const byTag = new Map<Tag, JobList>(
    [...byTagIndex].map(([tag, list]) => [
      tag,
      { length: list.length, at: (i: number) => (i >= 0 && i < list.length ? materialize(list[i]!) : undefined) },
    ]),
  );

  let all: JobRecord[] | null = null;
  return {
    seed,
    baseTime,
    bucket,
    region,
    mode: 'steady',
    jobCount: count,
    get jobs() {
      all ??= Array.from({ length: count }, (_, k) => ({ ...materialize(k) }));
      return all;
    },
    find(jobId) {
      if (!/^[jac][0-9a-f]{32}$/.test(jobId)) return undefined;
      const k = permute(parseInt(jobId.slice(25), 16), idKey, true);
      if (k >= count) return undefined;
      const job = materialize(k);
      return job.jobId === jobId ? job : undefined;
    },
    stateCounts(now) {
      const counts = new Map<string, number>();
      for (let k = 0; k < count && created[k]! * SECOND <= now; k++) {
        const state = viewAt(
          {
            creationMs: created[k]! * SECOND,
            startMs: msOf(k, startOf[k]!),
            endMs: msOf(k, endOf[k]!),
            outcome: OUTCOMES[outcomeOf[k]!]!,
            failProgress: failProgressOf[k]!,
          } as JobRecord,
          now,
        )!.state;
        counts.set(state, (counts.get(state) ?? 0) + 1);
      }
      return counts;
    },
    byTag,
    queues,
    queueById: new Map(queues.map((q) => [q.queueId, q])),
    workflows,
    batchJobs: [],
  };
}
