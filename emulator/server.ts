/**
 * The HTTP face of the emulator: CI's routes in CI's wire format, plus the /__emulator/ controls.
 *
 *   GET /jobs, /pic_jobs           list (query.ts); /pic_jobs lists picture tags only
 *   GET /jobs/<id>[,<id>…]         up to 10 jobs (more: 400 InvalidArgument, as CI's newer page
 *   GET /pic_jobs/<id>[,<id>…]     says); unknown ids under NonExistJobIds, with no JobsDetail at
 *                                  all when none of them exists (200, as CI's page describes)
 *   GET /queue|/asrqueue|/picqueue|/ai_queue   queue search (queues.ts)
 *
 * Several buckets may be served at once, told apart as CI does by the Host header
 * (`<bucket>.ci.<region>.myqcloud.com`): each has its own data set and its own accepted key pairs,
 * and the signature is checked against the Host that arrived, so a request signed for another
 * bucket's host fails. A Host that is an address (127.0.0.1:9100, localhost) means the first bucket,
 * so a client pointed straight at the emulator works as before; an unknown bucket host gets 404
 * NoSuchBucket.
 *
 * Each CI request goes: fault plan → signature check → route → (fault-shaped) answer → log. Every
 * answer carries CI's headers (`Server: tencent-ci`, `x-ci-request-id`, which error bodies repeat
 * as RequestId). Handlers are synchronous apart from injected latency, and job XML comes from the
 * per-job cache, so a list page costs a binary search, a short scan and a string join.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Authenticator } from './auth';
import { CONTROL_PREFIX, handleControl, type ControlContext } from './control';
import { viewAt, type Dataset } from './dataset';
import { cutBody, malform, type FaultPlan } from './faults';
import { InvalidArgumentError, parseListQuery, runListQuery, type QueryPairs } from './query';
import { QUEUE_ROUTES, searchQueues } from './queues';
import type { RequestRecord } from './requests';
import type { JobScript } from './script';
import type { EmulatorSettings } from './settings';
import { errorXml, jobBatchXml, jobListXml, queueListXml, type JobXmlCache } from './xml';

/** One bucket the emulator serves: its data, its job-XML cache and the key pairs it accepts. */
export interface BucketState {
  bucket: string;
  region: string;
  dataset: Dataset;
  /** Lays jobs created or finished on demand over the seeded data set (control.ts, /__emulator/jobs). */
  script: JobScript;
  cache: JobXmlCache;
  auth: Authenticator;
  settings: EmulatorSettings;
}

export interface ServerContext extends ControlContext {
  /** The first is the one an address-style Host (127.0.0.1:port) means. */
  buckets: readonly BucketState[];
}

const CI_HOST = /^([a-z0-9][a-z0-9-]*-\d+)\.ci\.([a-z0-9-]+)\.myqcloud\.com(?::\d+)?$/i;

/** The bucket a Host header addresses; null when it names a CI bucket host this emulator does not serve. */
export function bucketForHost(buckets: readonly BucketState[], host: string): BucketState | null {
  const m = CI_HOST.exec(host);
  if (!m) return buckets[0] ?? null;
  const [name, region] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()];
  return buckets.find((b) => b.bucket === name && b.region === region) ?? null;
}

/** CI's DescribeMediaJob page (1045/73113) allows up to 10 job ids per call. */
export const MAX_BATCH_IDS = 10;

/** Tags listed under /pic_jobs (reference §2.2): picture processing. */
const PIC_TAGS: ReadonlySet<string> = new Set(['PicProcess']);

interface Answer {
  status: number;
  body: string | Buffer;
  code?: string;
  detail?: string;
  ignored?: string[];
}

let counter = 0;
/** Looks like CI's ids (base64 of `<hex time>_<hex>_<hex>_<hex seq>`); unique per process. */
function newRequestId(nowMs: number): string {
  counter = (counter + 1) % 0xfffffff;
  const raw = `${Math.floor(nowMs / 1000).toString(16)}_${Math.floor(Math.random() * 0xffffffff).toString(16)}_${Math.floor(Math.random() * 0xffff).toString(16)}_${counter.toString(16)}`;
  return Buffer.from(raw, 'latin1').toString('base64');
}

function decode(text: string): string {
  const plus = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  if (!plus.includes('%')) return plus;
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus;
  }
}

/** Query pairs as a form decoder reads them: `+` is a space, so a raw `+0800` arrives as ` 0800`. */
export function parseQuery(raw: string): [string, string][] {
  const pairs: [string, string][] = [];
  if (raw === '') return pairs;
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    pairs.push(eq < 0 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  return pairs;
}

const error = (
  status: number,
  code: string,
  message: string,
  requestId: string,
  detail?: string,
  resource?: string,
): Answer => ({
  status,
  body: errorXml(code, message, requestId, resource),
  code,
  ...(detail ? { detail } : {}),
});

function routeOf(path: string): string {
  if (path === '/jobs' || path === '/pic_jobs') return 'jobs';
  if (path.startsWith('/jobs/') || path.startsWith('/pic_jobs/')) return 'job';
  if (QUEUE_ROUTES[path]) return path.slice(1);
  return 'other';
}

function answerCi(
  ctx: BucketState,
  method: string,
  path: string,
  params: QueryPairs,
  requestId: string,
  now: number,
): Answer {
  const route = routeOf(path);
  const resource = `${ctx.bucket}.ci.${ctx.region}.myqcloud.com${path.slice(0, 200)}`;
  if (route === 'other')
    return error(
      404,
      'NoSuchResource',
      `The specified resource does not exist: ${path.slice(0, 200)}`,
      requestId,
      undefined,
      resource,
    );
  if (method !== 'GET')
    return error(
      405,
      'MethodNotAllowed',
      `The specified method is not allowed against this resource: ${method} ${path.slice(0, 200)}`,
      requestId,
      undefined,
      resource,
    );
  const pic = path.startsWith('/pic_jobs');
  try {
    if (route === 'jobs') {
      const query = parseListQuery(params);
      if (pic !== PIC_TAGS.has(query.tag) && (pic || !ctx.settings.picOnJobs))
        throw new InvalidArgumentError(
          'tag',
          pic
            ? `Parameter tag must be a picture job tag on /pic_jobs; got '${query.tag}'`
            : `Parameter tag ${query.tag} is listed under /pic_jobs`,
        );
      const result = runListQuery(ctx.dataset, query, now, ctx.settings);
      const elements = result.jobs.map(({ job, view }) => ctx.cache.element(job, view));
      return {
        status: 200,
        body: jobListXml(elements, result.nextToken),
        ...(query.ignored.length ? { ignored: query.ignored } : {}),
      };
    }
    if (route === 'job') {
      const ids = [
        ...new Set(
          path
            .slice(path.indexOf('/', 1) + 1)
            .split(',')
            .filter(Boolean),
        ),
      ];
      if (ids.length === 0)
        return error(
          404,
          'NoSuchResource',
          `The specified resource does not exist: ${path}`,
          requestId,
          undefined,
          resource,
        );
      if (ids.length > MAX_BATCH_IDS) {
        return error(
          400,
          'InvalidArgument',
          `The number of JobIds exceeds the limit of ${MAX_BATCH_IDS}; got ${ids.length}`,
          requestId,
          `${ids.length} job ids`,
          resource,
        );
      }
      const elements: Buffer[] = [];
      const missing: string[] = [];
      const oldest = ctx.settings.retentionMs === null ? -Infinity : now - ctx.settings.retentionMs;
      for (const id of ids) {
        const job = ctx.dataset.find(id);
        const here = job && (pic ? PIC_TAGS.has(job.tag) : ctx.settings.picOnJobs || !PIC_TAGS.has(job.tag));
        const view = job && here && job.creationMs >= oldest ? viewAt(job, now) : null;
        if (job && view) elements.push(ctx.cache.element(job, view));
        else missing.push(id);
      }
      // Only unknown ids: still 200, with NonExistJobIds and no JobsDetail (reference §3.1).
      return {
        status: 200,
        body: jobBatchXml(elements, missing),
        ...(params.length ? { ignored: params.map(([k]) => k) } : {}),
      };
    }
    const result = searchQueues(ctx.dataset, path, params);
    return {
      status: 200,
      body: queueListXml({ requestId, ...result }),
      ...(result.ignored.length ? { ignored: result.ignored } : {}),
    };
  } catch (e) {
    if (e instanceof InvalidArgumentError)
      return error(400, 'InvalidArgument', e.message, requestId, `parameter ${e.parameter}`, resource);
    throw e;
  }
}

function send(res: ServerResponse, answer: Answer, requestId: string, now: number, plan: FaultPlan | null): void {
  let bytes = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  if (plan?.malformed || plan?.truncate === 'cut') {
    let text = bytes.toString('utf8');
    if (plan.malformed) text = malform(text, plan.malformed);
    if (plan.truncate === 'cut') text = cutBody(text);
    bytes = Buffer.from(text, 'utf8');
  }
  res.sendDate = false;
  res.writeHead(answer.status, {
    'Content-Type': 'application/xml',
    'Content-Length': bytes.length,
    Server: 'tencent-ci',
    'x-ci-request-id': requestId,
    Date: new Date(now).toUTCString(),
  });
  if (plan?.truncate === 'length') {
    // Promise the whole body, send half, then hang up.
    res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    return;
  }
  res.end(bytes);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createHandler(ctx: ServerContext) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rawPath = q < 0 ? url : url.slice(0, q);
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      path = rawPath;
    }
    try {
      if (path.startsWith(CONTROL_PREFIX)) {
        await handleControl(ctx, req, res, path);
        return;
      }
      const method = req.method ?? 'GET';
      const query = parseQuery(q < 0 ? '' : url.slice(q + 1));
      const arrivedAt = ctx.now();
      const record: RequestRecord = {
        seq: ctx.log.nextSeq(),
        requestId: '',
        time: new Date(arrivedAt).toISOString(),
        method,
        host: req.headers.host ?? '',
        ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'].slice(0, 200) } : {}),
        path,
        query,
        status: 0,
        durationMs: 0,
      };
      const finish = (status: number, extra: Partial<RequestRecord>) => {
        Object.assign(record, extra, { status, durationMs: Math.round((performance.now() - started) * 100) / 100 });
        ctx.log.add(record, routeOf(path));
      };

      const plan = ctx.faults.plan(path);
      const applied: string[] = [];
      if (plan && plan.latencyMs > 0) {
        applied.push('latency');
        await sleep(plan.latencyMs);
      }
      if (plan?.drop) {
        req.socket.destroy();
        finish(0, { faults: [...applied, 'drop'] });
        return;
      }
      const now = ctx.now();
      const requestId = newRequestId(now);
      record.requestId = requestId;
      let answer: Answer;
      if (plan?.error) {
        applied.push('error');
        answer = error(
          plan.error.status,
          plan.error.code,
          plan.error.message,
          requestId,
          undefined,
          `${record.host}${path}`,
        );
      } else {
        const target = bucketForHost(ctx.buckets, record.host ?? '');
        if (!target) {
          answer = error(
            404,
            'NoSuchBucket',
            'The specified bucket does not exist.',
            requestId,
            `Host: ${(record.host ?? '').slice(0, 200)}`,
          );
        } else {
          record.bucket = target.bucket;
          const verdict = target.auth.verify({ method, path, query, headers: req.headers });
          answer = verdict.ok
            ? answerCi(target, method, path, verdict.params, requestId, now)
            : error(403, verdict.code, verdict.message, requestId, verdict.detail, `${record.host}${path}`);
        }
      }
      if (plan?.malformed) applied.push('malformed');
      if (plan?.truncate) applied.push(`truncate:${plan.truncate}`);
      if (res.destroyed) {
        // The client gave up (a timeout): it still reached us, so it is still counted.
        finish(0, { faults: applied, detail: 'the client closed the connection before the answer' });
        return;
      }
      send(res, answer, requestId, now, plan);
      finish(answer.status, {
        ...(answer.code ? { code: answer.code } : {}),
        ...(answer.detail ? { detail: answer.detail } : {}),
        ...(answer.ignored ? { ignored: answer.ignored } : {}),
        ...(applied.length ? { faults: applied } : {}),
      });
    } catch (e) {
      // A bug in the emulator: answer like CI's InternalError rather than hanging the client.
      console.error('[emulator] internal error:', e);
      if (!res.headersSent) {
        const requestId = newRequestId(Date.now());
        send(
          res,
          error(500, 'InternalError', 'Internal error in the CI emulator.', requestId),
          requestId,
          Date.now(),
          null,
        );
      } else res.destroy();
    }
  };
}
