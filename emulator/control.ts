/**
 * The emulator's own control surface under /__emulator/ (JSON, unsigned: it is a loopback tool for
 * tests and demos, and never shares a path with CI's API):
 *   GET    /__emulator/faults    current fault settings
 *   PUT    /__emulator/faults    replace them (JSON body; unknown keys are refused)
 *   DELETE /__emulator/faults    clear them
 *   GET    /__emulator/requests  recorded CI requests, oldest first (last 10,000)
 *   DELETE /__emulator/requests  clear the record
 *   GET    /__emulator/stats     counters: requests by status and route, injected faults, data set
 *   POST   /__emulator/jobs/<id>/finish   ends a job now ({"state":"Success"|"Failed"}, default
 *                                         Success): lists and lookups show it finished from then on
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import { JOB_STATES } from '@/lib/ci/tags';

import { finishes, type Dataset } from './dataset';
import { FaultConfigError, type FaultInjector } from './faults';
import type { RequestLog } from './requests';
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
  const method = req.method ?? 'GET';
  const finishing = /^jobs\/([^/]{1,64})\/finish$/.exec(resource);
  if (finishing) return finishJob(ctx, req, res, method, decodeURIComponent(finishing[1]!));
  const allowed: Record<string, readonly string[]> = {
    faults: ['GET', 'PUT', 'DELETE'],
    requests: ['GET', 'DELETE'],
    stats: ['GET'],
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

/** Ends a job now, in whichever bucket holds it: the test's way to make a state change happen on cue. */
async function finishJob(
  ctx: ControlContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  jobId: string,
) {
  if (method !== 'POST') {
    res.setHeader('Allow', 'POST');
    return json(res, 405, { error: { code: 'MethodNotAllowed', message: `use POST to finish a job` } });
  }
  let body: unknown;
  try {
    const text = await readBody(req);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return json(res, 400, { error: { code: 'InvalidBody', message: 'the body is not valid JSON' } });
  }
  const state = (body as { state?: unknown } | null)?.state ?? 'Success';
  if (state !== 'Success' && state !== 'Failed') {
    return json(res, 400, { error: { code: 'InvalidBody', message: 'state must be "Success" or "Failed"' } });
  }
  const now = ctx.now();
  for (const { dataset } of ctx.bucketList) {
    const job = dataset.find(jobId);
    if (!job) continue;
    if (now < job.creationMs) {
      return json(res, 409, { error: { code: 'NotCreatedYet', message: `job ${jobId} does not exist yet` } });
    }
    const atMs = Math.floor(now / 1000) * 1000; // CI's times have whole seconds
    finishes(dataset).set(jobId, { state, atMs });
    return json(res, 200, { jobId, bucket: dataset.bucket, state, at: new Date(atMs).toISOString() });
  }
  return json(res, 404, { error: { code: 'NoSuchJob', message: `no job ${jobId.slice(0, 64)} in any bucket` } });
}
