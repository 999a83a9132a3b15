/**
 * The emulator's deterministic data set: queues, workflows, inventory-trigger batch jobs and jobs.
 * Two shapes share one interface: the demo set (`createDataset`, a few thousand planned jobs held as
 * records, built by the modules of ./plan/ by concern) and the steady-rate set (./plan/steady.ts, up
 * to millions of jobs kept in typed columns and turned into records on demand).
 *
 * Only the *plan* of each job lives here (ids, tag, queue, input, creation / planned start / planned
 * end, outcome). What a client sees is derived from the plan and the clock by `viewAt`, so the data
 * set never mutates: Submitted jobs start when their planned start passes, Running jobs report
 * progress from elapsed time, and a trickle of jobs "created" after the emulator started appears
 * as the clock reaches them. Every id comes from the seed, so the same seed names the same jobs
 * whatever the start time.
 */
import { TAGS, type JobState, type QueueType, type Tag } from '@/lib/ci/tags';

import type { FailureReason } from './corpus';
import { draftJobs } from './plan/drafts';
import { IdMaker } from './plan/ids';
import { buildLibrary, inputFor } from './plan/inputs';
import { buildQueues, buildWorkflows, queuePicker } from './plan/queues';
import { planJob } from './plan/schedule';
import { SECOND } from './plan/units';
import { Rng } from './random';

export const DEFAULT_SEED = 20261125;
export const DEFAULT_JOB_COUNT = 5000;
export const DEFAULT_BUCKET = 'demo-1250000000';
export const DEFAULT_REGION = 'ap-guangzhou';

export type QueueState = 'Active' | 'Paused';

export interface NotifyConfig {
  url: string;
  event: string;
  type: 'Url' | 'TDMQ';
  state: 'On' | 'Off';
  resultFormat: 'JSON' | 'XML';
  mq?: { mode: string; region: string; name: string };
}

export interface QueueRecord {
  queueId: string;
  name: string;
  state: QueueState;
  queueType: QueueType;
  /** The `Category` element: Transcoding/SpeedTranscoding for media queues, the queue type otherwise. */
  category: string;
  maxSize: number;
  maxConcurrent: number;
  createMs: number;
  updateMs: number;
  notify: NotifyConfig;
}

export interface WorkflowRecord {
  workflowId: string;
  name: string;
  /** Node names follow the console's `<Type>_<millis>` convention. */
  nodes: readonly { name: string; tag: Tag }[];
}

export interface BatchJobRecord {
  jobId: string;
  name: string;
  tag: Tag;
  creationMs: number;
  folder: string;
}

/** What the job ends as; Pause and Cancel never run. */
export type Outcome = 'Success' | 'Failed' | 'Pause' | 'Cancel';

export interface JobInput {
  bucketId: string;
  region: string;
  object?: string;
  lang?: string;
  type?: string;
}

export interface JobWorkflowRef {
  runId: string;
  workflowId: string;
  workflowName: string;
  name: string;
}

export interface JobRecord {
  readonly jobId: string;
  readonly tag: Tag;
  readonly queueId: string;
  readonly queueType: QueueType;
  /** Whole seconds, so second-resolution time filters never split a job. */
  readonly creationMs: number;
  /** Planned start; null for jobs that never run (Pause, Cancel). */
  readonly startMs: number | null;
  /** Planned end of the run, or the moment of cancellation for Cancel jobs. */
  readonly endMs: number | null;
  readonly outcome: Outcome;
  readonly failure?: FailureReason;
  /** Progress at which a failed job stopped. */
  readonly failProgress: number;
  readonly input: JobInput;
  readonly workflow?: JobWorkflowRef;
  readonly inventoryTriggerJobId?: string;
  /** Seeds the per-job content generator (operation details, media info, results). */
  readonly contentSeed: number;
}

export interface JobView {
  state: JobState;
  progress: number;
  startMs: number | null;
  endMs: number | null;
}

export interface DatasetOptions {
  seed?: number;
  jobCount?: number;
  baseTime?: number;
  bucket?: string;
  region?: string;
}

/** A tag's jobs in the order paging walks: ascending creation time, ties in a fixed order. */
export interface JobList {
  readonly length: number;
  at(index: number): JobRecord | undefined;
}

export interface Dataset {
  readonly seed: number;
  readonly baseTime: number;
  readonly bucket: string;
  readonly region: string;
  readonly mode: 'demo' | 'steady';
  /** How many jobs the set holds, future ones included. */
  readonly jobCount: number;
  /**
   * All jobs, including future ones, ascending by creation time. The steady-rate set builds this
   * array on first use (every job as a record): tests and tools only, never the request path.
   */
  readonly jobs: readonly JobRecord[];
  /** The job with this id, or undefined. */
  find(jobId: string): JobRecord | undefined;
  /** How many jobs are in each state at `now` (for /__emulator/stats), without building records. */
  stateCounts(now: number): Map<string, number>;
  /** Per tag, ascending by creation time (ties in a fixed order): the order keyset paging walks. */
  readonly byTag: ReadonlyMap<Tag, JobList>;
  readonly queues: readonly QueueRecord[];
  readonly queueById: ReadonlyMap<string, QueueRecord>;
  readonly workflows: readonly WorkflowRecord[];
  readonly batchJobs: readonly BatchJobRecord[];
}

/** A job finished by hand (POST /__emulator/jobs/<id>/finish): its end replaces the plan's from `atMs`. */
export interface Finish {
  state: 'Success' | 'Failed';
  atMs: number;
}

/**
 * Jobs finished by hand, per data set: the one mutable part of an emulator, kept beside the data
 * set (which never changes) so two emulators in one process do not share it.
 */
const finishedJobs = new WeakMap<Dataset, Map<string, Finish>>();

export function finishes(dataset: Dataset): Map<string, Finish> {
  let map = finishedJobs.get(dataset);
  if (!map) {
    map = new Map<string, Finish>();
    finishedJobs.set(dataset, map);
  }
  return map;
}

/** The job as a client sees it at `now`; null while it does not exist yet. */
export function viewAt(job: JobRecord, now: number, finish?: Finish): JobView | null {
  if (now < job.creationMs) return null;
  if (finish && now >= finish.atMs) {
    const start = job.startMs !== null && job.startMs <= finish.atMs ? job.startMs : finish.atMs;
    return {
      state: finish.state,
      progress: finish.state === 'Failed' ? job.failProgress : 100,
      startMs: start,
      endMs: finish.atMs,
    };
  }
  switch (job.outcome) {
    case 'Pause':
      return { state: 'Pause', progress: 0, startMs: null, endMs: null };
    case 'Cancel':
      return job.endMs !== null && now >= job.endMs
        ? { state: 'Cancel', progress: 0, startMs: null, endMs: job.endMs }
        : { state: 'Submitted', progress: 0, startMs: null, endMs: null };
    default: {
      const start = job.startMs ?? job.creationMs;
      const end = job.endMs ?? start;
      if (now < start) return { state: 'Submitted', progress: 0, startMs: null, endMs: null };
      const ceiling = job.outcome === 'Failed' ? job.failProgress : 100;
      if (now < end) {
        const fraction = (now - start) / (end - start);
        return {
          state: 'Running',
          progress: Math.min(99, Math.floor(fraction * ceiling)),
          startMs: start,
          endMs: null,
        };
      }
      return { state: job.outcome, progress: ceiling, startMs: start, endMs: end };
    }
  }
}

/** Ascending (creationMs, jobId): the single order every index and cursor relies on. */
export function compareJobs(a: JobRecord, b: JobRecord): number {
  return a.creationMs - b.creationMs || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0);
}

/** The demo data set: `jobCount` jobs around `baseTime`, the same for the same seed. */
export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const total = Math.max(1, Math.floor(options.jobCount ?? DEFAULT_JOB_COUNT));
  const baseTime = Math.floor((options.baseTime ?? Date.now()) / SECOND) * SECOND;
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const region = options.region ?? DEFAULT_REGION;
  // One generator, drawn in a fixed order (queues, workflows, drafts, plans): the same seed names the same jobs.
  const rng = new Rng(seed);
  const ids = new IdMaker(rng);
  const queues = buildQueues(rng, ids, baseTime);
  const workflows = buildWorkflows(rng, ids, baseTime);
  const library = buildLibrary(seed, total);
  const { drafts, batchJobs } = draftJobs({
    rng,
    ids,
    baseTime,
    total,
    workflows,
    inputFor: (tag, key) => inputFor(rng, library, { bucket, region }, tag, key),
  });
  const schedule = { rng, ids, seed, baseTime, queues: queuePicker(queues) };
  const jobs = drafts.map((d) => planJob(schedule, d));

  jobs.sort(compareJobs);
  const byId = new Map(jobs.map((j) => [j.jobId, j]));
  const byTag = new Map<Tag, JobRecord[]>(TAGS.map((t) => [t.code, []]));
  for (const job of jobs) byTag.get(job.tag)?.push(job);

  return {
    seed,
    baseTime,
    bucket,
    region,
    mode: 'demo',
    jobCount: jobs.length,
    jobs,
    find: (jobId) => byId.get(jobId),
    stateCounts(now) {
      const counts = new Map<string, number>();
      for (const job of jobs) {
        const view = viewAt(job, now);
        if (view) counts.set(view.state, (counts.get(view.state) ?? 0) + 1);
      }
      return counts;
    },
    byTag,
    queues,
    queueById: new Map(queues.map((q) => [q.queueId, q])),
    workflows,
    batchJobs,
  };
}
