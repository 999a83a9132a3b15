/**
 * The emulator's deterministic data set: queues, workflows, inventory-trigger batch jobs and jobs.
 *
 * Only the *plan* of each job lives here (ids, tag, queue, input, creation / planned start / planned
 * end, outcome). What a client sees is derived from the plan and the clock by `viewAt`, so the data
 * set never mutates: Submitted jobs start when their planned start passes, Running jobs report
 * progress from elapsed time, and a trickle of jobs "created" after the emulator started appears
 * as the clock reaches them. Every id comes from the seed, so the same seed names the same jobs
 * whatever the start time.
 */
import { TAGS, type JobState, type QueueType, type Tag } from '@/lib/ci/tags';

import {
  AI_FAILURES,
  AUDIO_EXTS,
  AUDIO_FAILURES,
  AUDIO_STEMS,
  COMMON_FAILURES,
  FOLDERS,
  IMAGE_EXTS,
  IMAGE_STEMS,
  LANGS,
  MEDIA_FAILURES,
  PIC_FAILURES,
  TEXT_EXTS,
  TEXT_STEMS,
  VIDEO_EXTS,
  VIDEO_STEMS,
  type FailureReason,
} from './corpus';
import { hashString, Rng } from './random';

export const DEFAULT_SEED = 20261125;
export const DEFAULT_JOB_COUNT = 5000;
export const DEFAULT_BUCKET = 'demo-1250000000';
export const DEFAULT_REGION = 'ap-guangzhou';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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

export interface Dataset {
  readonly seed: number;
  readonly baseTime: number;
  readonly bucket: string;
  readonly region: string;
  /** All jobs, including future ones, ascending by (creationMs, jobId). */
  readonly jobs: readonly JobRecord[];
  readonly byId: ReadonlyMap<string, JobRecord>;
  /** Per tag, ascending by (creationMs, jobId): the order keyset paging walks. */
  readonly byTag: ReadonlyMap<Tag, readonly JobRecord[]>;
  readonly queues: readonly QueueRecord[];
  readonly queueById: ReadonlyMap<string, QueueRecord>;
  readonly workflows: readonly WorkflowRecord[];
  readonly batchJobs: readonly BatchJobRecord[];
}

/** The job as a client sees it at `now`; null while it does not exist yet. */
export function viewAt(job: JobRecord, now: number): JobView | null {
  if (now < job.creationMs) return null;
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

// ---------------------------------------------------------------------------------------------

const TAG_WEIGHTS: Record<Tag, number> = {
  Transcode: 30,
  Snapshot: 14,
  MediaInfo: 6,
  PicProcess: 6,
  Segment: 5,
  SpeechRecognition: 5,
  SmartCover: 3,
  Animation: 3,
  Watermark: 3,
  VideoEnhance: 2,
  Concat: 2,
  DigitalWatermark: 2,
  VideoTag: 2,
  Tts: 2,
  VideoMontage: 1.5,
  StreamExtract: 1.5,
  QualityEstimate: 1.5,
  NoiseReduction: 1.5,
  VoiceSeparate: 1.5,
  Translation: 1.5,
  VideoTargetRec: 1.5,
  ExtractDigitalWatermark: 1,
  WordsGeneralize: 1,
  SegmentVideoBody: 1,
  SplitVideoParts: 1,
};

/** Typical run time per tag in seconds (log-uniform between the two). */
const DURATION_S: Record<Tag, readonly [number, number]> = {
  Transcode: [20, 1800],
  Animation: [5, 300],
  VideoEnhance: [120, 7200],
  Snapshot: [3, 120],
  SmartCover: [5, 120],
  Concat: [30, 1200],
  VideoMontage: [60, 900],
  Segment: [10, 900],
  DigitalWatermark: [30, 1800],
  ExtractDigitalWatermark: [10, 300],
  VideoTag: [30, 900],
  MediaInfo: [1, 10],
  StreamExtract: [5, 300],
  QualityEstimate: [30, 900],
  Watermark: [20, 1800],
  PicProcess: [1, 20],
  SpeechRecognition: [10, 1200],
  NoiseReduction: [10, 600],
  VoiceSeparate: [20, 900],
  Tts: [2, 60],
  Translation: [5, 300],
  WordsGeneralize: [1, 30],
  VideoTargetRec: [30, 1200],
  SegmentVideoBody: [60, 1800],
  SplitVideoParts: [30, 900],
};

const WORKFLOW_PLANS: readonly { name: string; tags: readonly Tag[] }[] = [
  { name: 'video-upload-pipeline', tags: ['Transcode', 'Snapshot'] },
  { name: '课程视频处理', tags: ['Transcode', 'Watermark', 'SmartCover'] },
  { name: 'hls-packaging', tags: ['Segment', 'MediaInfo'] },
  { name: 'podcast-asr', tags: ['SpeechRecognition'] },
];

const BATCH_PLANS: readonly { name: string; tag: Tag; folder: string; agoMs: number }[] = [
  { name: 'reprocess legacy archive', tag: 'Transcode', folder: 'archive/legacy (do not delete)/', agoMs: 40 * MINUTE },
  { name: 'covers for 2025 courses', tag: 'Snapshot', folder: 'vod/课程/2025秋季/', agoMs: 6 * DAY },
  { name: 'product images to webp', tag: 'PicProcess', folder: 'images/products/', agoMs: 17 * DAY },
];

type Phase = 'history' | 'running' | 'submitted' | 'pause' | 'cancel' | 'future' | 'batch';

interface Draft {
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

function failuresFor(tag: Tag): readonly FailureReason[] {
  const queueType = TAG_QUEUE_TYPE.get(tag);
  if (tag === 'PicProcess') return [...COMMON_FAILURES, ...PIC_FAILURES];
  if (queueType === 'Speeching') return [...COMMON_FAILURES, ...AUDIO_FAILURES];
  if (queueType === 'AIProcess') return [...COMMON_FAILURES, ...AI_FAILURES];
  return [...COMMON_FAILURES, ...MEDIA_FAILURES];
}

const TAG_QUEUE_TYPE = new Map<Tag, QueueType>(TAGS.map((t) => [t.code, t.queueType]));

type InputKind = 'video' | 'audio' | 'image' | 'text' | 'none';

function inputKind(tag: Tag): InputKind {
  switch (tag) {
    case 'PicProcess':
      return 'image';
    case 'SpeechRecognition':
    case 'NoiseReduction':
    case 'VoiceSeparate':
      return 'audio';
    case 'Translation':
    case 'WordsGeneralize':
      return 'text';
    case 'Tts':
      return 'none';
    default:
      return 'video';
  }
}

function buildLibrary(
  rng: Rng,
  size: number,
  stems: readonly string[],
  exts: readonly string[],
  folders: readonly string[],
) {
  const keys = new Set<string>();
  for (let attempts = 0; keys.size < size && attempts < size * 20; attempts++) {
    const variant = rng.weighted<string>([
      ['', 5],
      [` (${rng.int(1, 9)})`, 1],
      [`_v${rng.int(2, 5)}`, 1],
      [`_${rng.int(1000, 9999)}`, 3],
      [`-${rng.int(1, 31)}日`, 1],
    ]);
    keys.add(`${rng.pick(folders)}${rng.pick(stems)}${variant}.${rng.pick(exts)}`);
  }
  return [...keys];
}

const hourWeight = (chinaHour: number) => (chinaHour >= 9 && chinaHour <= 23 ? 1 : chinaHour < 2 ? 0.6 : 0.25);

export function createDataset(options: DatasetOptions = {}): Dataset {
  const seed = options.seed ?? DEFAULT_SEED;
  const total = Math.max(1, Math.floor(options.jobCount ?? DEFAULT_JOB_COUNT));
  const baseTime = Math.floor((options.baseTime ?? Date.now()) / SECOND) * SECOND;
  const bucket = options.bucket ?? DEFAULT_BUCKET;
  const region = options.region ?? DEFAULT_REGION;
  const rng = new Rng(seed);
  const usedIds = new Set<string>();
  const newId = (prefix: string) => {
    for (;;) {
      const id = prefix + rng.hex(32);
      if (!usedIds.has(id)) {
        usedIds.add(id);
        return id;
      }
    }
  };

  // Queues: the ids and names are stable; times are relative to the start so they look current.
  const queueSpecs: readonly [string, QueueType, QueueState, string, number][] = [
    ['mts-default', 'Transcoding', 'Active', 'Transcoding', 10],
    ['mts-archive (paused)', 'Transcoding', 'Paused', 'Transcoding', 5],
    ['speed-transcode', 'SpeedTranscoding', 'Active', 'SpeedTranscoding', 4],
    ['asr-default', 'Speeching', 'Active', 'Speeching', 10],
    ['pic-default', 'PicProcess', 'Active', 'PicProcess', 20],
    ['ai-default', 'AIProcess', 'Active', 'AIProcess', 5],
  ];
  const queues: QueueRecord[] = queueSpecs.map(([name, queueType, state, category, maxConcurrent], i) => {
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
      queueId: newId('p'),
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
  const activeQueue = (type: QueueType) => {
    const q = queues.find((x) => x.queueType === type && x.state === 'Active');
    if (!q) throw new Error(`no active ${type} queue`);
    return q;
  };
  const pausedQueue = queues.find((q) => q.state === 'Paused');
  if (!pausedQueue) throw new Error('no paused queue');

  const workflows: WorkflowRecord[] = WORKFLOW_PLANS.map((plan) => {
    const stamp = baseTime - rng.int(30, 300) * DAY;
    return {
      workflowId: newId('w'),
      name: plan.name,
      nodes: plan.tags.map((tag, i) => ({ name: `${tag}_${stamp + i * 137}`, tag })),
    };
  });

  const libraryRng = new Rng(hashString('library', seed));
  const libSize = (n: number) => Math.max(8, Math.round(total * n));
  const library: Record<Exclude<InputKind, 'none'>, string[]> = {
    video: buildLibrary(libraryRng, libSize(0.15), VIDEO_STEMS, VIDEO_EXTS, FOLDERS),
    audio: buildLibrary(libraryRng, libSize(0.03), AUDIO_STEMS, AUDIO_EXTS, [
      'audio/',
      'podcast/',
      '客服/2025/',
      'uploads/voice memos/',
    ]),
    image: buildLibrary(libraryRng, libSize(0.04), IMAGE_STEMS, IMAGE_EXTS, [
      'images/',
      'images/products/',
      'ugc/avatars/',
      '',
    ]),
    text: buildLibrary(libraryRng, libSize(0.01), TEXT_STEMS, TEXT_EXTS, ['docs/', 'docs/translation/', '文档/']),
  };

  const inputFor = (tag: Tag, objectKey?: string): JobInput => {
    const kind = inputKind(tag);
    const input: JobInput = { bucketId: bucket, region };
    if (kind === 'none') return input;
    input.object = objectKey ?? rng.pick(library[kind]);
    if (tag === 'Translation') {
      input.lang = rng.pick(LANGS);
      input.type = input.object.split('.').pop() ?? 'txt';
    }
    return input;
  };

  const tagEntries = TAGS.map((t) => [t.code, TAG_WEIGHTS[t.code]] as const);
  const drafts: Draft[] = [];

  const pastCreation = () => {
    // Uniform over 30 days, thinned at night (China time) so the timeline has a daily rhythm.
    for (;;) {
      const ms = baseTime - rng.int(60, (30 * DAY) / SECOND) * SECOND;
      const chinaHour = new Date(ms + 8 * HOUR).getUTCHours();
      if (rng.chance(hourWeight(chinaHour))) return ms;
    }
  };

  const pickPhase = (): Phase =>
    rng.weighted<Phase>([
      ['history', 85],
      ['running', 4.5],
      ['submitted', 2.5],
      ['pause', 3.5],
      ['cancel', 2.5],
    ]);

  const creationFor = (phase: Phase): number => {
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
        return pastCreation();
    }
  };

  // Coverage first: every tag once (finished), then every state once, so even tiny data sets
  // used by tests exercise each tag and state.
  for (const t of TAGS)
    drafts.push({
      tag: t.code,
      phase: 'history',
      outcome: 'Success',
      input: inputFor(t.code),
      creationMs: pastCreation(),
    });
  for (const phase of ['running', 'submitted', 'pause', 'cancel'] as const) {
    drafts.push({ tag: 'Transcode', phase, input: inputFor('Transcode'), creationMs: creationFor(phase) });
  }
  drafts.push({
    tag: 'Transcode',
    phase: 'history',
    outcome: 'Failed',
    input: inputFor('Transcode'),
    creationMs: pastCreation(),
  });

  // Inventory-trigger batch jobs: bursts of one tag over one folder.
  const batchJobs: BatchJobRecord[] = [];
  const futureCount = Math.round(total * 0.08);
  const batchSize = Math.max(2, Math.round(total * 0.02));
  for (const plan of BATCH_PLANS) {
    if (drafts.length + batchSize > total - futureCount) break;
    const batch: BatchJobRecord = {
      jobId: newId('b'),
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

  // Workflow runs and single jobs until the past share is full.
  while (drafts.length < total - futureCount) {
    const phase = pickPhase();
    if (rng.chance(0.22)) {
      const wf = rng.pick(workflows);
      const runId = 'i' + rng.hex(32);
      const first = wf.nodes[0];
      if (!first) continue;
      const input = inputFor(first.tag);
      const creationMs = creationFor(phase === 'pause' ? 'history' : phase);
      wf.nodes.forEach((node, i) => {
        if (drafts.length >= total - futureCount) return;
        drafts.push({
          tag: node.tag,
          phase: phase === 'pause' ? 'history' : phase,
          input: { ...input },
          creationMs: Math.min(creationMs + i * SECOND, baseTime),
          workflow: { runId, workflowId: wf.workflowId, workflowName: wf.name, name: node.name },
        });
      });
    } else {
      let tag = rng.weighted(tagEntries);
      // Only the paused Transcoding queue holds paused jobs.
      if (phase === 'pause' && TAG_QUEUE_TYPE.get(tag) !== 'Transcoding') tag = 'Transcode';
      drafts.push({ tag, phase, input: inputFor(tag), creationMs: creationFor(phase) });
    }
  }
  while (drafts.length < total) {
    const tag = rng.weighted(tagEntries);
    drafts.push({ tag, phase: 'future', input: inputFor(tag), creationMs: creationFor('future') });
  }

  const jobs = drafts.map((d) => planJob(d));

  function planJob(d: Draft): JobRecord {
    const queueType = TAG_QUEUE_TYPE.get(d.tag) ?? 'Transcoding';
    let queue = activeQueue(queueType);
    if (d.tag === 'Transcode' && rng.chance(0.2)) queue = activeQueue('SpeedTranscoding');
    const [minS, maxS] = DURATION_S[d.tag];
    let durationMs = Math.round(rng.logUniform(minS, maxS) * SECOND);
    let waitMs = Math.round(rng.logUniform(1, 60) * SECOND);
    let outcome: Outcome = d.outcome ?? (rng.chance(0.12) ? 'Failed' : 'Success');
    let creationMs = d.creationMs;
    let startMs: number | null = null;
    let endMs: number | null = null;

    switch (d.phase) {
      case 'pause':
        queue = pausedQueue as QueueRecord;
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
          queue = pausedQueue as QueueRecord;
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
    const jobId = newId('j');
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
      contentSeed: hashString(jobId, seed),
    };
  }

  jobs.sort(compareJobs);
  const byId = new Map(jobs.map((j) => [j.jobId, j]));
  const byTag = new Map<Tag, JobRecord[]>(TAGS.map((t) => [t.code, []]));
  for (const job of jobs) byTag.get(job.tag)?.push(job);

  return {
    seed,
    baseTime,
    bucket,
    region,
    jobs,
    byId,
    byTag,
    queues,
    queueById: new Map(queues.map((q) => [q.queueId, q])),
    workflows,
    batchJobs,
  };
}
