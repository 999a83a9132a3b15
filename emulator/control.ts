/**
 * The emulator's own control surface under /__emulator/ (JSON, unsigned: it is a loopback tool for
 * tests and demos, and never shares a path with CI's API):
 *   GET    /__emulator/faults    current fault settings
 *   PUT    /__emulator/faults    replace them (JSON body; unknown keys are refused)
 *   DELETE /__emulator/faults    clear them
 *   GET    /__emulator/requests  recorded CI requests, oldest first (last 10,000)
 *   DELETE /__emulator/requests  clear the record
 *   GET    /__emulator/stats     counters: requests by status and route, injected faults, data set
 *   GET    /__emulator/jobs      jobs created or finished on demand (script.ts), in the first bucket
 *   POST   /__emulator/jobs      create one now: {"state":"Failed","tag":"Transcode","input":"a/b.mp4"} (Running: "progress")
 *   PUT    /__emulator/jobs/<id> finish a Submitted or Running job now: {"state":"Success"|"Failed"|"Cancel"}
 *   DELETE /__emulator/jobs      forget them (the seeded plan shows again)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { JOB_STATES } from '@/lib/ci/tags';

import { viewAt, type Dataset, type JobRecord } from './dataset';
import { FaultConfigError, type FaultInjector } from './faults';
import type { RequestLog } from './requests';
import { parseCreateJob, parseFinish, ScriptError, type JobScript } from './script';
import type { JobXmlCache } from './xml';

export const CONTROL_PREFIX = '/__emulator/';
const MAX_BODY = 64 * 1024;

export interface ControlContext {
  /** The first bucket's data set (what /stats describes in detail). */
  dataset: Dataset;
  /** Every bucket served, for /stats. */
  bucketList: readonly { bucket: string; region: string; dataset: Dataset }[];
  faults: FaultInjector;
  log: RequestLog;
  cache: JobXmlCache;
  /** Jobs moved on demand in the first bucket. */
  script: JobScript;
  now: () => number;
  startedAt: number;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new FaultConfigError(`request body exceeds ${MAX_BODY} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The body as JSON ({} when empty); unreadable JSON is the caller's 400. */
async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ScriptError(400, 'body', 'the body is not valid JSON');
  }
}

/** A scripted job as the control answers it: what a test needs to find it in the dashboard. */
function jobSummary(ctx: ControlContext, job: JobRecord) {
  const view = viewAt(job, ctx.now());
  return {
    jobId: job.jobId,
    tag: job.tag,
    state: view?.state ?? null,
    progress: view?.progress ?? null,
    creationTime: new Date(job.creationMs).toISOString(),
  };
}

async function handleJobs(ctx: ControlContext, req: IncomingMessage, res: ServerResponse, id: string | null) {
  const method = req.method ?? 'GET';
  const allowed = id === null ? ['GET', 'POST', 'DELETE'] : ['PUT'];
  if (!allowed.includes(method)) {
    res.setHeader('Allow', allowed.join(', '));
    return json(res, 405, {
      error: { code: 'MethodNotAllowed', message: `${method} is not supported here; use ${allowed.join(', ')}` },
    });
  }
  try {
    if (method === 'GET') return json(res, 200, { jobs: ctx.script.list().map((j) => jobSummary(ctx, j)) });
    if (method === 'DELETE') return json(res, 200, { cleared: ctx.script.clear() });
    if (method === 'POST')
      return json(res, 201, { job: jobSummary(ctx, ctx.script.create(parseCreateJob(await jsonBody(req)))) });
    return json(res, 200, { job: jobSummary(ctx, ctx.script.finish(id!, parseFinish(await jsonBody(req)))) });
  } catch (error) {
    if (error instanceof ScriptError || error instanceof FaultConfigError) {
      const status = error instanceof ScriptError ? error.status : 400;
      const field = error instanceof ScriptError ? error.field : 'body';
      return json(res, status, {
        error: {
          code: status === 400 ? 'InvalidJob' : status === 404 ? 'NoSuchJob' : 'JobFinished',
          field,
          message: error.message,
        },
      });
    }
    throw error;
  }
}

function stats(ctx: ControlContext) {
  const now = ctx.now();
  const counts = ctx.dataset.stateCounts(now);
  const byState: Record<string, number> = Object.fromEntries(JOB_STATES.map((s) => [s, counts.get(s) ?? 0]));
  const visible = [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    startedAt: new Date(ctx.startedAt).toISOString(),
    now: new Date(now).toISOString(),
    requests: {
      total: ctx.log.total,
      recorded: ctx.log.list().length,
      byStatus: Object.fromEntries(ctx.log.byStatus),
      byRoute: Object.fromEntries(ctx.log.byRoute),
    },
    buckets: ctx.bucketList.map((b) => ({
      bucket: b.bucket,
      region: b.region,
      seed: b.dataset.seed,
      jobs: b.dataset.jobCount,
    })),
    faults: { injected: ctx.faults.counts, active: ctx.faults.config },
    cache: { hits: ctx.cache.hits, misses: ctx.cache.misses },
    dataset: {
      seed: ctx.dataset.seed,
      baseTime: new Date(ctx.dataset.baseTime).toISOString(),
      jobs: ctx.dataset.jobCount,
      mode: ctx.dataset.mode,
      visibleJobs: visible,
      byState,
      queues: ctx.dataset.queues.length,
      workflows: ctx.dataset.workflows.map((w) => ({ workflowId: w.workflowId, name: w.name })),
      batchJobs: ctx.dataset.batchJobs.map((b) => ({ jobId: b.jobId, name: b.name, tag: b.tag })),
    },
  };
}

export async function handleControl(
  ctx: ControlContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<void> {
  const resource = path.slice(CONTROL_PREFIX.length).replace(/\/$/, '');
  if (resource === 'jobs' || resource.startsWith('jobs/'))
    return handleJobs(ctx, req, res, resource === 'jobs' ? null : resource.slice('jobs/'.length));
  const method = req.method ?? 'GET';
  const allowed: Record<string, readonly string[]> = {
    faults: ['GET', 'PUT', 'DELETE'],
    requests: ['GET', 'DELETE'],
    stats: ['GET'],
    jobs: ['GET', 'POST', 'DELETE'],
  };
  const methods = allowed[resource];
  if (!methods)
    return json(res, 404, {
      error: {
        code: 'NotFound',
        message: `no control endpoint ${path}; try ${Object.keys(allowed)
          .map((k) => CONTROL_PREFIX + k)
          .join(', ')}`,
      },
    });
  if (!methods.includes(method)) {
    res.setHeader('Allow', methods.join(', '));
    return json(res, 405, {
      error: { code: 'MethodNotAllowed', message: `${method} is not supported on ${path}; use ${methods.join(', ')}` },
    });
  }
  switch (`${method} ${resource}`) {
    case 'GET faults':
      return json(res, 200, { faults: ctx.faults.config });
    case 'PUT faults': {
      try {
        const text = await readBody(req);
        let body: unknown;
        try {
          body = text.trim() === '' ? {} : JSON.parse(text);
        } catch {
          throw new FaultConfigError('the body is not valid JSON');
        }
        return json(res, 200, { faults: ctx.faults.set(body) });
      } catch (error) {
        if (error instanceof FaultConfigError)
          return json(res, 400, { error: { code: 'InvalidFaults', message: error.message } });
        throw error;
      }
    }
    case 'DELETE faults':
      ctx.faults.clear();
      return json(res, 200, { faults: ctx.faults.config });
    case 'GET requests':
      return json(res, 200, { requests: ctx.log.list() });
    case 'DELETE requests': {
      const cleared = ctx.log.list().length;
      ctx.log.clear();
      return json(res, 200, { cleared });
    }
    default:
      return json(res, 200, stats(ctx));
  }
}
