/**
 * The CI client: signs each request (server/ci/sign.ts), sends it with a timeout, retries what is safe
 * to retry, turns CI's error documents into CiError and its XML into the job model (server/ci/xml.ts).
 * Every call is a GET: the dashboard reads and never changes anything in CI.
 */
import 'server-only';

import { toCiQuery, type ListJobsParams } from '@/lib/ci/params';
import { tagInfo, type QueueType } from '@/lib/ci/tags';
import type { Job, JobLookup, JobPage, Queue } from '@/lib/ci/types';

import { CoalescingCache } from './coalesce';
import type { CiConfig } from './config';
import { CiError } from './errors';
import { routedFetch } from './routed-fetch';
import { SharedReads } from './shared-reads';
import { sign } from './sign';
import { jobElements, parseErrorXml, parseJobLookup, parseJobsList, parseQueueList, XmlParseError } from './xml';

export interface ClientOptions {
  fetch?: typeof fetch;
  /** Clock in ms, injectable for tests of the signature window. */
  now?: () => number;
  /** Lifetime of each signature in seconds. */
  signatureTtlSeconds?: number;
  /** Base of the retry back-off in ms (jittered, doubled per try). */
  retryBaseMs?: number;
  /** Shares the cached reads with other processes (replicas on one PostgreSQL: server/ci/shared-reads). */
  sharedReads?: SharedReads;
  /**
   * Who makes the calls, in each request's User-Agent (default USER_AGENT): CI's access logs — and
   * the emulator's request log — tell the index sync's calls from those a page asked for.
   */
  userAgent?: string;
}

/** The User-Agent of calls made for a page or an API request; the index sync adds its name (SYNC_USER_AGENT). */
export const USER_AGENT = 'ci-jobs-dashboard';
export const SYNC_USER_AGENT = 'ci-jobs-dashboard (index sync)';

export interface RawResponse {
  status: number;
  body: string;
  requestId: string | null;
}

/** Where each queue type's queues are listed (ci-api-reference.md §3.3). */
const QUEUE_ENDPOINTS = [
  {
    path: '/queue',
    query: [
      ['category', 'CateAll'],
      ['pageSize', '100'],
    ] as [string, string][],
    type: 'Transcoding',
  },
  { path: '/asrqueue', query: [['pageSize', '100']] as [string, string][], type: 'Speeching' },
  { path: '/picqueue', query: [['pageSize', '100']] as [string, string][], type: 'PicProcess' },
  { path: '/ai_queue', query: [['pageSize', '100']] as [string, string][], type: 'AIProcess' },
] satisfies { path: string; query: [string, string][]; type: QueueType }[];

export class CiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly ttl: number;
  private readonly retryBaseMs: number;
  private readonly userAgent: string;
  private readonly reads: CoalescingCache<unknown>;

  constructor(
    readonly config: CiConfig,
    options: ClientOptions = {},
  ) {
    // With `via`, requests go there carrying the endpoint's Host (one emulator or proxy, many buckets).
    this.fetchImpl = options.fetch ?? (config.via ? routedFetch(config.via) : fetch);
    this.now = options.now ?? (() => Date.now());
    this.ttl = options.signatureTtlSeconds ?? 900;
    this.retryBaseMs = options.retryBaseMs ?? 200;
    this.userAgent = options.userAgent ?? USER_AGENT;
    const shared = options.sharedReads;
    // One bucket's reads are one key space: the endpoint names the bucket (and where it is); `via`
    // tells apart the embedded emulators of replicas that each run their own.
    const scope = `${config.endpoint}\n${config.bucket}\n${config.via ?? ''}`;
    this.reads = new CoalescingCache(
      config.cacheTtlMs,
      undefined,
      this.now,
      shared ? { get: (key, ttlMs, load) => shared.get(SharedReads.key(scope, key), ttlMs, load) } : null,
    );
  }

  /** Shares identical reads in flight and keeps their parsed answers for cacheTtlMs. */
  private shared<T>(path: string, query: [string, string][], load: () => Promise<T>): Promise<T> {
    const key = `${path}?${new URLSearchParams(query).toString()}`;
    return this.reads.get(key, load) as Promise<T>;
  }

  listJobs(params: ListJobsParams): Promise<JobPage> {
    const query = toCiQuery(params);
    const path = listPath(params.tag);
    return this.shared(path, query, async () => {
      const res = await this.get(path, query);
      const page = this.parse(res, parseJobsList);
      // More jobs than asked for is a broken (or hostile) answer. Refused rather than cut: CI's
      // NextToken points past everything it sent, so the cut jobs would be skipped without a word.
      const size = params.size ?? CI_DEFAULT_PAGE_SIZE;
      if (page.jobs.length > size) {
        throw new CiError(
          'malformed',
          'MalformedResponse',
          `CI answered ${page.jobs.length} jobs to a page of size ${size}; the page was refused`,
          res.status,
          res.requestId,
        );
      }
      return page;
    });
  }

  /**
   * Several jobs by ID: GET /jobs/<id1>,<id2>… (picture jobs under /pic_jobs), at most
   * MAX_IDS_PER_CALL per call as CI allows, the calls a few at a time. Unknown IDs come back in
   * nonExistJobIds, whether CI lists them there (200) or answers 404 for a call that found none.
   */
  async getJobs(jobIds: readonly string[]): Promise<JobLookup> {
    const calls = lookupCalls(jobIds);
    const answers = await mapLimited(calls, 3, async (ids) => (await this.lookupOnce(ids)).lookup);
    return {
      jobs: answers.flatMap((a) => a.jobs),
      nonExistJobIds: answers.flatMap((a) => a.nonExistJobIds),
    };
  }

  /**
   * As getJobs, with each job's own element as CI sent it (jobElements): the index stores it so a
   * job it answers for shows the same detail as a live lookup.
   */
  async getJobsWithXml(
    jobIds: readonly string[],
  ): Promise<{ jobs: { job: Job; xml: string }[]; nonExistJobIds: string[] }> {
    const answers = await mapLimited(lookupCalls(jobIds), 3, (ids) => this.lookupOnce(ids));
    return {
      jobs: answers.flatMap(({ lookup, xml }) => {
        const elements = jobElements(xml);
        return lookup.jobs.map((job) => ({ job, xml: elements.get(job.jobId) ?? '' }));
      }),
      nonExistJobIds: answers.flatMap((a) => a.lookup.nonExistJobIds),
    };
  }

  /** One job and CI's XML for it, or null when CI says it does not exist (NonExistJobIds or 404). */
  async getJob(jobId: string): Promise<{ job: Job; xml: string } | null> {
    const { lookup, xml } = await this.lookupOnce([jobId]);
    const job = lookup.jobs.find((j) => j.jobId === jobId);
    return job ? { job, xml } : null;
  }

  /** One lookup call of ≤ MAX_IDS_PER_CALL ids of one path. */
  private lookupOnce(ids: readonly string[]): Promise<{ lookup: JobLookup; xml: string }> {
    const path = `${ids.some(isPictureJobId) ? '/pic_jobs' : '/jobs'}/${ids.join(',')}`;
    return this.shared(path, [], async () => {
      try {
        const res = await this.get(path, []);
        return { lookup: this.parse(res, parseJobLookup), xml: res.body };
      } catch (error) {
        // CI's page describes 200 + NonExistJobIds; a 404 for a call that found nothing means the same.
        if (error instanceof CiError && error.kind === 'ci' && error.status === 404)
          return { lookup: { jobs: [], nonExistJobIds: [...ids] }, xml: '' };
        throw error;
      }
    });
  }

  /** Every queue of every queue type, each list asked in parallel. */
  async listQueues(): Promise<Queue[]> {
    const lists = await Promise.all(
      QUEUE_ENDPOINTS.map(({ path, query, type }) =>
        this.shared(path, query, async () =>
          this.parse(await this.get(path, query), (xml) => parseQueueList(xml, type).queues),
        ),
      ),
    );
    return lists.flat();
  }

  /** A signed GET with timeout and bounded retries. Resolves only for 2xx; anything else throws CiError. */
  async get(path: string, query: [string, string][]): Promise<RawResponse> {
    let attempt = 0;
    for (;;) {
      try {
        return await this.once(path, query);
      } catch (error) {
        const ciError = error instanceof CiError ? error : this.networkError(error);
        if (!ciError.retryable || attempt >= this.config.maxRetries) throw ciError;
        attempt += 1;
        await sleep(this.backoff(attempt));
      }
    }
  }

  private async once(path: string, query: [string, string][]): Promise<RawResponse> {
    const { endpoint, credentials, timeoutMs } = this.config;
    const url = new URL(endpoint);
    const nowSec = Math.floor(this.now() / 1000);
    const headers: Record<string, string> = { host: url.host };
    if (credentials.sessionToken) headers['x-cos-security-token'] = credentials.sessionToken;
    const auth = sign({
      method: 'GET',
      path,
      query,
      headers,
      secretId: credentials.secretId,
      secretKey: credentials.revealSecretKey(),
      startTime: nowSec - 1,
      endTime: nowSec - 1 + this.ttl,
    });
    const search = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
    const target = `${endpoint}${encodePath(path)}${search ? `?${search}` : ''}`;
    const requestHeaders: Record<string, string> = {
      authorization: auth.authorization,
      date: new Date(this.now()).toUTCString(),
      accept: 'application/xml',
      'user-agent': this.userAgent,
    };
    if (credentials.sessionToken) requestHeaders['x-cos-security-token'] = credentials.sessionToken;

    let response: Response;
    let body: string;
    try {
      response = await this.fetchImpl(target, {
        method: 'GET',
        headers: requestHeaders,
        signal: AbortSignal.timeout(timeoutMs),
        cache: 'no-store',
      });
      body = await readCapped(response, this.config.maxResponseBytes);
    } catch (error) {
      if (error instanceof ResponseTooLarge) {
        throw new CiError(
          'malformed',
          'ResponseTooLarge',
          `CI's answer is larger than ${describeBytes(error.limit)} (CI_MAX_RESPONSE_BYTES); it was not read`,
          response!.status,
          response!.headers.get('x-ci-request-id') ?? response!.headers.get('x-cos-request-id'),
        );
      }
      if (isTimeout(error)) {
        throw new CiError('timeout', 'RequestTimeout', `CI did not answer within ${timeoutMs / 1000} s`, null);
      }
      throw this.networkError(error);
    }
    const requestId = response.headers.get('x-ci-request-id') ?? response.headers.get('x-cos-request-id');
    if (response.ok) return { status: response.status, body, requestId };
    throw this.errorFrom(response, body, requestId);
  }

  private errorFrom(response: Response, body: string, headerRequestId: string | null): CiError {
    const redact = (s: string) => this.config.credentials.redact(s);
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('json')) {
      try {
        const json = JSON.parse(body) as {
          code?: unknown;
          message?: unknown;
          request_id?: unknown;
          RequestId?: unknown;
        };
        if (typeof json.code === 'string') {
          const requestId = typeof json.request_id === 'string' ? json.request_id : headerRequestId;
          return new CiError(
            'ci',
            json.code,
            redact(typeof json.message === 'string' ? json.message : ''),
            response.status,
            requestId,
          );
        }
      } catch {
        // fall through to the generic description
      }
    }
    const parsed = parseErrorXml(body);
    if (parsed) {
      return new CiError(
        'ci',
        parsed.code,
        redact(parsed.message),
        response.status,
        parsed.requestId ?? headerRequestId,
      );
    }
    return new CiError(
      'ci',
      `HTTP${response.status}`,
      `CI answered HTTP ${response.status} ${response.statusText} without an error document`,
      response.status,
      headerRequestId,
    );
  }

  private parse<T>(res: RawResponse, parseBody: (xml: string) => T): T {
    try {
      return parseBody(res.body);
    } catch (error) {
      if (error instanceof XmlParseError) {
        throw new CiError(
          'malformed',
          'MalformedResponse',
          `CI's response could not be read: ${error.message}`,
          res.status,
          res.requestId,
        );
      }
      throw error;
    }
  }

  private networkError(error: unknown): CiError {
    const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
    const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return new CiError(
      'network',
      'NetworkError',
      `Could not reach CI at ${this.config.endpoint}${this.config.via ? ` (via ${this.config.via})` : ''}: ${this.config.credentials.redact(detail)}`,
      null,
    );
  }

  private backoff(attempt: number): number {
    const base = this.retryBaseMs * 2 ** (attempt - 1);
    return base / 2 + Math.random() * base;
  }
}

/** CI's limit of job IDs per GET /jobs/<ids> call (DescribeMediaJob, 1045/73113; reference §3.2). */
export const MAX_IDS_PER_CALL = 10;

/** Picture jobs (`c…` ids, the PicProcess tag) live under /pic_jobs (reference §2.2). */
const isPictureJobId = (id: string) => id.startsWith('c');
const listPath = (tag: string) => (tagInfo(tag)?.queueType === 'PicProcess' ? '/pic_jobs' : '/jobs');

/** The calls a lookup needs: picture and other jobs apart, each call at most MAX_IDS_PER_CALL ids. */
export function lookupCalls(jobIds: readonly string[]): string[][] {
  const unique = [...new Set(jobIds)];
  const calls: string[][] = [];
  for (const group of [unique.filter(isPictureJobId), unique.filter((id) => !isPictureJobId(id))])
    for (let i = 0; i < group.length; i += MAX_IDS_PER_CALL) calls.push(group.slice(i, i + MAX_IDS_PER_CALL));
  return calls;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of the results. */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** CI's page size when `size` is not sent (ci-api-reference.md, GET /jobs). */
const CI_DEFAULT_PAGE_SIZE = 10;

class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response larger than ${limit} bytes`);
  }
}

/**
 * The body as text, reading at most `limit` bytes: refused at once when Content-Length says it is
 * larger, else counted as it streams and the connection dropped as soon as it passes the limit, so
 * an oversized answer costs at most `limit` bytes of memory.
 */
async function readCapped(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLarge(limit);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    received += value.byteLength;
    if (received > limit) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLarge(limit);
    }
    text += decoder.decode(value, { stream: true });
  }
}

function describeBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/** Encodes each path segment for the wire; the signature uses the decoded path. */
function encodePath(path: string): string {
  return path
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/%2C/gi, ','))
    .join('/');
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException
    ? error.name === 'TimeoutError' || error.name === 'AbortError'
    : (error as { name?: string })?.name === 'TimeoutError';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
