/**
 * Jobs moved on demand (/__emulator/jobs): a job "created" now in a chosen state, and a job that is
 * still waiting or running finished now. Tests and demos need "a new failure arrives" and "the job I
 * watch finishes" at a moment they choose, which the seeded plan (dataset.ts) only offers at times of
 * its own.
 *
 * The data set itself never mutates: the script lays its jobs over it (`script.dataset` is what the
 * routes read), as plan records like any other, so viewAt, the XML, paging and the lookups treat them
 * the same. A finished job keeps its id, creation time and place in the list; only its plan's end,
 * outcome (and for a failure, the reason and the progress it stopped at) change.
 */
import { randomBytes } from 'node:crypto';

import { isTag, type Tag } from '@/lib/ci/tags';

import { compareJobs, viewAt, type Dataset, type JobList, type JobRecord } from './dataset';
import { failuresFor } from './plan/catalogue';
import { jobIdPrefix } from './plan/ids';
import { hashString } from './random';

export const SCRIPT_STATES = ['Submitted', 'Running', 'Success', 'Failed', 'Cancel'] as const;
export type ScriptState = (typeof SCRIPT_STATES)[number];
export const FINISHED_STATES = ['Success', 'Failed', 'Cancel'] as const;
export type FinishState = (typeof FINISHED_STATES)[number];

/** A request the script refuses: `field` names what to fix; `status` is the HTTP status to answer. */
export class ScriptError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A created Submitted job waits this long; a Running one runs 1 % per RUN_MS / 100. */
const HOLD_MS = 365 * 86_400_000;
const RUN_MS = 1000 * 60_000;

export interface CreateJob {
  tag: Tag;
  state: ScriptState;
  /** Running only: the progress shown now (0–99). */
  progress?: number;
  /** The input object's key (default: the model job's), so a test can list exactly its jobs. */
  input?: string;
}

export class JobScript {
  /** Created jobs per tag, ascending (compareJobs). */
  private readonly added = new Map<Tag, JobRecord[]>();
  private readonly addedById = new Map<string, JobRecord>();
  /** Jobs finished on demand, by id (created ones included). */
  private readonly replaced = new Map<string, JobRecord>();
  /** The data set the routes read: the base with the script's jobs laid over it. */
  readonly dataset: Dataset;

  constructor(
    private readonly base: Dataset,
    private readonly now: () => number,
  ) {
    this.dataset = this.overlay();
  }

  /** A new job of `tag`, created now (a Running one earlier, so it already shows `progress`). */
  create({ tag, state, progress, input }: CreateJob): JobRecord {
    const now = this.now();
    const template = this.templateFor(tag, now);
    const second = Math.floor(now / 1000) * 1000;
    const jobId = jobIdPrefix(tag) + randomBytes(16).toString('hex');
    const p = Math.max(0, Math.min(99, Math.floor(progress ?? 50)));
    let creationMs = second;
    let startMs: number | null = second;
    let endMs: number | null = second;
    let outcome: JobRecord['outcome'] = state === 'Failed' || state === 'Cancel' ? state : 'Success';
    if (state === 'Submitted') {
      startMs = second + HOLD_MS;
      endMs = startMs + RUN_MS;
    } else if (state === 'Running') {
      creationMs = second - Math.ceil((p * RUN_MS) / 100 / 1000) * 1000;
      startMs = creationMs;
      endMs = creationMs + RUN_MS;
      outcome = 'Success';
    } else if (state === 'Cancel') startMs = null;
    const record: JobRecord = {
      jobId,
      tag,
      queueId: template.queueId,
      queueType: template.queueType,
      creationMs,
      startMs,
      endMs,
      outcome,
      ...(state === 'Failed' ? { failure: this.failureFor(tag) } : {}),
      failProgress: 0,
      input: input === undefined ? template.input : { ...template.input, object: input },
      contentSeed: hashString(`j${jobId.slice(1)}`, this.base.seed),
    };
    const list = this.added.get(tag) ?? [];
    list.push(record);
    list.sort(compareJobs);
    this.added.set(tag, list);
    this.addedById.set(jobId, record);
    return record;
  }

  /** Ends a Submitted or Running job now as `state`. */
  finish(jobId: string, state: FinishState): JobRecord {
    const now = this.now();
    const job = this.dataset.find(jobId);
    const view = job && viewAt(job, now);
    if (!job || !view) throw new ScriptError(404, 'jobId', `no job ${jobId} exists now`);
    if (view.state !== 'Submitted' && view.state !== 'Running')
      throw new ScriptError(
        409,
        'jobId',
        `job ${jobId} is already ${view.state}; only a Submitted or Running job finishes`,
      );
    const started = view.startMs ?? now;
    const record: JobRecord =
      state === 'Cancel'
        ? { ...job, outcome: 'Cancel', startMs: null, endMs: now }
        : {
            ...job,
            outcome: state,
            startMs: started,
            endMs: now,
            ...(state === 'Failed'
              ? { failure: job.failure ?? this.failureFor(job.tag), failProgress: view.progress }
              : {}),
          };
    this.replaced.set(jobId, record);
    return record;
  }

  /** Forgets every created and finished job; returns how many there were. */
  clear(): number {
    const count = this.addedById.size + [...this.replaced.keys()].filter((id) => !this.addedById.has(id)).length;
    this.added.clear();
    this.addedById.clear();
    this.replaced.clear();
    return count;
  }

  /** The jobs the script created or finished, as they are now. */
  list(): JobRecord[] {
    const ids = new Set([...this.addedById.keys(), ...this.replaced.keys()]);
    return [...ids].map((id) => this.dataset.find(id)!).sort(compareJobs);
  }

  /** A job of the tag that exists now, lending its queue and input (the newest such). */
  private templateFor(tag: Tag, now: number): JobRecord {
    const list = this.base.byTag.get(tag);
    if (list) {
      for (let i = list.length - 1; i >= 0; i--) {
        const job = list.at(i)!;
        if (job.creationMs <= now) return job;
      }
    }
    throw new ScriptError(400, 'tag', `the data set has no ${tag} job to model a new one on`);
  }

  private failureFor(tag: Tag) {
    const list = failuresFor(tag);
    return list.find((f) => !f.atStart) ?? list[0]!;
  }

  private overlay(): Dataset {
    const base = this.base;
    const replaced = this.replaced;
    const added = this.added;
    const addedById = this.addedById;
    const find = (jobId: string) => replaced.get(jobId) ?? this.addedById.get(jobId) ?? base.find(jobId);
    const byTag = new Map<Tag, JobList>();
    for (const [tag, list] of base.byTag) byTag.set(tag, this.mergedList(tag, list));
    return {
      seed: base.seed,
      baseTime: base.baseTime,
      bucket: base.bucket,
      region: base.region,
      mode: base.mode,
      get jobCount() {
        return base.jobCount + addedById.size;
      },
      get jobs() {
        const all = [...base.jobs, ...[...added.values()].flat()];
        return all.map((j) => replaced.get(j.jobId) ?? j).sort(compareJobs);
      },
      find,
      stateCounts(now) {
        const counts = new Map(base.stateCounts(now));
        const bump = (state: string | undefined, by: number) => {
          if (state) counts.set(state, (counts.get(state) ?? 0) + by);
        };
        for (const [id, job] of replaced) {
          const original = base.find(id);
          if (original && !addedById.has(id)) bump(viewAt(original, now)?.state, -1);
          bump(viewAt(job, now)?.state, 1);
        }
        for (const [id, job] of addedById) if (!replaced.has(id)) bump(viewAt(job, now)?.state, 1);
        return counts;
      },
      byTag,
      queues: base.queues,
      queueById: base.queueById,
      workflows: base.workflows,
      batchJobs: base.batchJobs,
    };
  }

  /**
   * The tag's list with the created jobs merged in by (creation time, id), each record replaced by its
   * finished form. Created jobs are few, so positions are worked out on each call.
   */
  private mergedList(tag: Tag, list: JobList): JobList {
    const replaced = this.replaced;
    const added = () => this.added.get(tag) ?? [];
    const swap = (job: JobRecord | undefined) => (job ? (replaced.get(job.jobId) ?? job) : undefined);
    /** Merged positions of the created jobs (ascending). */
    const positions = () =>
      added().map((job, k) => {
        let lo = 0;
        let hi = list.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compareJobs(list.at(mid)!, job) < 0) lo = mid + 1;
          else hi = mid;
        }
        return lo + k;
      });
    return {
      get length() {
        return list.length + added().length;
      },
      at(index) {
        const extra = added();
        if (extra.length === 0) return swap(list.at(index));
        let before = 0;
        for (const [k, p] of positions().entries()) {
          if (p === index) return swap(extra[k]);
          if (p < index) before++;
        }
        return swap(list.at(index - before));
      },
    };
  }
}

/** The body of POST /__emulator/jobs, checked: unknown keys and bad values are named. */
export function parseCreateJob(body: unknown): CreateJob {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ScriptError(400, 'body', 'the body must be a JSON object like {"state":"Failed","tag":"Transcode"}');
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).filter((k) => !['tag', 'state', 'progress', 'input'].includes(k));
  if (unknown.length)
    throw new ScriptError(400, unknown[0]!, `unknown key ${unknown[0]}; use tag, state, progress, input`);
  const tag = b.tag ?? 'Transcode';
  if (typeof tag !== 'string' || !isTag(tag))
    throw new ScriptError(400, 'tag', `tag must be a CI tag; got ${JSON.stringify(tag)}`);
  if (typeof b.state !== 'string' || !(SCRIPT_STATES as readonly string[]).includes(b.state))
    throw new ScriptError(400, 'state', `state must be one of ${SCRIPT_STATES.join(', ')}`);
  const state = b.state as ScriptState;
  if (b.progress !== undefined) {
    if (state !== 'Running') throw new ScriptError(400, 'progress', 'progress applies to a Running job only');
    if (typeof b.progress !== 'number' || !Number.isInteger(b.progress) || b.progress < 0 || b.progress > 99)
      throw new ScriptError(400, 'progress', 'progress must be a whole number 0–99');
  }
  if (b.input !== undefined && (typeof b.input !== 'string' || !/^[^\u0000-\u001f]{1,850}$/.test(b.input)))
    throw new ScriptError(400, 'input', 'input must be an object key of 1–850 characters without control characters');
  return {
    tag,
    state,
    ...(typeof b.progress === 'number' ? { progress: b.progress } : {}),
    ...(typeof b.input === 'string' ? { input: b.input } : {}),
  };
}

/** The body of PUT /__emulator/jobs/<id>: `{"state":"Success"|"Failed"|"Cancel"}`. */
export function parseFinish(body: unknown): FinishState {
  const state = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).state : undefined;
  const keys = typeof body === 'object' && body !== null ? Object.keys(body) : [];
  const extra = keys.find((k) => k !== 'state');
  if (extra) throw new ScriptError(400, extra, `unknown key ${extra}; use state`);
  if (typeof state !== 'string' || !(FINISHED_STATES as readonly string[]).includes(state))
    throw new ScriptError(400, 'state', `state must be one of ${FINISHED_STATES.join(', ')}`);
  return state as FinishState;
}
