import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { parseListJobsQuery } from '@/lib/ci/params';
import { CiClient } from '@/server/ci/client';
import { readCiConfig } from '@/server/ci/config';
import { CiError } from '@/server/ci/errors';
import { routedFetch } from '@/server/ci/routed-fetch';

import { startRecordingCi, xml, type Handler } from '../../support/recording-ci';

const SECRET_KEY = 'SENTINEL-secret-key-7f3c9a1e5b';
const LIST =
  '<Response><JobsDetail><JobId>j1</JobId><Tag>Transcode</Tag><State>Running</State><Progress>5</Progress></JobsDetail><NextToken>n2</NextToken></Response>';

let handler: Handler = (_req, res) => xml(res, 200, LIST);
const upstream = await startRecordingCi(SECRET_KEY, (req, res) => handler(req, res));
const logged: string[] = [];

function clientFor(env: Record<string, string> = {}) {
  const config = readCiConfig({
    CI_SECRET_ID: 'AKIDtestTEST1234',
    CI_SECRET_KEY: SECRET_KEY,
    CI_ENDPOINT: upstream.url,
    CI_TIMEOUT_MS: '800',
    ...env,
  });
  if (!config) throw new Error('config expected');
  return new CiClient(config, { retryBaseMs: 5 });
}

const params = (q: string) => {
  const r = parseListJobsQuery(new URLSearchParams(q));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

beforeAll(() => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
    });
  }
});
afterEach(() => {
  handler = (_req, res) => xml(res, 200, LIST);
  upstream.recorded.length = 0;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await upstream.close();
  // Nothing the client logged, anywhere in this file, carries the SecretKey.
  expect(logged.join('\n')).not.toContain(SECRET_KEY);
});

describe('CiClient against a server the test started (CI_ENDPOINT)', () => {
  it('signs each request validly for its path and query, covering host and every parameter', async () => {
    const client = clientFor();
    await client.listJobs(
      params(
        'tag=Transcode&states=Success,Failed&startCreationTime=2024-01-01T00:00:00%2B0800&inputObject=in/a b%2Bc 视频.mp4&size=7',
      ),
    );
    await client.getJob('j8d121820f5e411ec926ef19d53ba9c6f');
    await client.listJobs(params('tag=Snapshot'));
    expect(upstream.recorded).toHaveLength(3);
    for (const r of upstream.recorded) {
      expect(r.signatureValid).toBe(true);
      expect(r.coversAll).toBe(true);
      expect(r.method).toBe('GET');
    }
    const [first, second] = upstream.recorded;
    expect(first?.path).toBe('/jobs');
    expect(Object.fromEntries(first!.query)).toEqual({
      tag: 'Transcode',
      states: 'Success,Failed',
      // The dashboard's bound is inclusive, CI's strict: one second earlier reaches CI (lib/ci/params widenBound).
      startCreationTime: '2023-12-31T23:59:59+0800', // the + arrived as a plus, not a space
      inputObject: 'in/a b+c 视频.mp4',
      size: '7',
    });
    expect(second?.path).toBe('/jobs/j8d121820f5e411ec926ef19d53ba9c6f');
  });

  it('sends the session token as x-cos-security-token, signed', async () => {
    await clientFor({ CI_SESSION_TOKEN: 'tok en/+=' }).listJobs(params('tag=Transcode'));
    const r = upstream.recorded[0]!;
    expect(r.headers['x-cos-security-token']).toBe('tok en/+=');
    expect(r.headers.authorization).toContain('q-header-list=host;x-cos-security-token');
    expect(r.signatureValid).toBe(true);
  });

  it('maps the list to jobs and the next token', async () => {
    const page = await clientFor().listJobs(params('tag=Transcode'));
    expect(page.nextToken).toBe('n2');
    expect(page.jobs[0]).toMatchObject({ jobId: 'j1', state: 'Running', progress: 5 });
  });

  it("turns CI's error XML into a typed error with Code, Message, RequestId and status, without retrying a 4xx", async () => {
    handler = (_req, res) =>
      xml(
        res,
        403,
        '<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>NjMx</RequestId></Error>',
        'hdr',
      );
    const error = await clientFor()
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CiError);
    expect(error).toMatchObject({
      kind: 'ci',
      code: 'SignatureDoesNotMatch',
      message: 'The Signature you specified is invalid.',
      requestId: 'NjMx',
      status: 403,
    });
    expect(upstream.recorded).toHaveLength(1);
  });

  it('retries a 5xx at most twice with back-off, then reports it', async () => {
    handler = (_req, res) =>
      xml(res, 503, '<Error><Code>ServiceUnavailable</Code><Message>busy</Message><RequestId>r5</RequestId></Error>');
    const error = await clientFor()
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ServiceUnavailable', status: 503 });
    expect(upstream.recorded).toHaveLength(3);
  });

  it('recovers when a retried 5xx succeeds', async () => {
    let calls = 0;
    handler = (_req, res) =>
      ++calls === 1
        ? xml(res, 500, '<Error><Code>InternalError</Code><Message>x</Message></Error>')
        : xml(res, 200, LIST);
    const page = await clientFor().listJobs(params('tag=Transcode'));
    expect(page.jobs).toHaveLength(1);
    expect(upstream.recorded).toHaveLength(2);
  });

  it('retries a dropped connection, and names the network failure', async () => {
    handler = (_req, res) => res.socket?.destroy();
    const error = await clientFor()
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'network', code: 'NetworkError' });
    expect(upstream.recorded).toHaveLength(3);
  });

  it('times out, once, without retrying', async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await clientFor({ CI_TIMEOUT_MS: '300' })
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'timeout', code: 'RequestTimeout' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(upstream.recorded).toHaveLength(1);
  });

  it('reports malformed and truncated XML as MalformedResponse', async () => {
    handler = (_req, res) => xml(res, 200, '<Response><JobsDetail><JobId>j1</JobId><Tag>Tr');
    await expect(clientFor().listJobs(params('tag=Transcode'))).rejects.toMatchObject({
      kind: 'malformed',
      code: 'MalformedResponse',
    });
    handler = (_req, res) => xml(res, 200, 'Service temporarily unavailable');
    await expect(clientFor().listJobs(params('tag=Transcode'))).rejects.toMatchObject({ code: 'MalformedResponse' });
  });

  it.each([
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Response><JobsDetail><JobId>&x;</JobId></JobsDetail></Response>',
    ],
    [
      'an oversized entity',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${'x'.repeat(20_000)}">]><Response><JobsDetail><JobId>&a;</JobId></JobsDetail></Response>`,
    ],
    ['over-deep nesting', `<Response>${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</Response>`],
    [
      'too much entity expansion',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><Response><NextToken>${'&a;'.repeat(200_000)}</NextToken></Response>`,
    ],
  ])('reports XML the parser refuses (%s) as MalformedResponse, for lists, jobs and queues alike', async (_, body) => {
    handler = (_req, res) => xml(res, 200, body);
    const client = clientFor({ CI_CACHE_TTL_MS: '0' });
    for (const call of [
      () => client.listJobs(params('tag=Transcode')),
      () => client.getJob('j1'),
      () => client.listQueues(),
    ]) {
      await expect(call()).rejects.toMatchObject({ kind: 'malformed', code: 'MalformedResponse' });
    }
  });

  describe('the cap on bytes read from CI (CI_MAX_RESPONSE_BYTES)', () => {
    const LIMIT = 64 * 1024;
    /** Streams `<Response>` and then filler until the client hangs up (or 50 MiB); records what was sent. */
    function endless(sent: { bytes: number; closed: boolean }, withLength: boolean) {
      return (_req: unknown, res: import('node:http').ServerResponse) => {
        const total = 50 * 1024 * 1024;
        res.writeHead(200, {
          'content-type': 'application/xml',
          ...(withLength ? { 'content-length': String(total) } : {}),
        });
        const chunk = Buffer.alloc(64 * 1024, 'x');
        res.on('close', () => (sent.closed = true));
        const pump = () => {
          while (sent.bytes < total && !res.destroyed) {
            sent.bytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        res.write('<Response>');
        pump();
      };
    }

    it.each([
      ['the global fetch, no Content-Length', false, false],
      ['the global fetch, a Content-Length over the cap', false, true],
      ['the routed fetch (emulator, CI_BUCKETS), no Content-Length', true, false],
      ['the routed fetch, a Content-Length over the cap', true, true],
    ])('stops reading past the cap and answers ResponseTooLarge naming it (%s)', async (_, routed, withLength) => {
      const sent = { bytes: 0, closed: false };
      handler = endless(sent, withLength);
      const config = readCiConfig({
        CI_SECRET_ID: 'AKIDtestTEST1234',
        CI_SECRET_KEY: SECRET_KEY,
        CI_ENDPOINT: upstream.url,
        CI_MAX_RESPONSE_BYTES: String(LIMIT),
      })!;
      const client = new CiClient(config, routed ? { fetch: routedFetch(upstream.url) } : {});
      const error = await client.listJobs(params('tag=Transcode')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CiError);
      expect(error).toMatchObject({ kind: 'malformed', code: 'ResponseTooLarge', status: 200 });
      expect((error as CiError).message).toContain('64 KiB (CI_MAX_RESPONSE_BYTES)');
      expect((error as CiError).retryable).toBe(false);
      // The connection was dropped: the stand-in did not get to send its 50 MiB.
      await expect.poll(() => sent.closed).toBe(true);
      expect(sent.bytes).toBeLessThan(8 * 1024 * 1024);
    });

    it('reads an answer under the cap as before', async () => {
      const client = clientFor({ CI_MAX_RESPONSE_BYTES: String(LIMIT) });
      await expect(client.listJobs(params('tag=Transcode'))).resolves.toMatchObject({ jobs: [{ jobId: 'j1' }] });
    });
  });

  it("refuses a page with more jobs than the size asked for (or than CI's default 10), rather than cutting it", async () => {
    const job = (i: number) =>
      `<JobsDetail><JobId>j${i}</JobId><Tag>Transcode</Tag><State>Success</State></JobsDetail>`;
    const page = (n: number) =>
      `<Response>${Array.from({ length: n }, (_, i) => job(i)).join('')}<NextToken>n2</NextToken></Response>`;
    handler = (_req, res) => xml(res, 200, page(11));
    const client = clientFor({ CI_CACHE_TTL_MS: '0' });
    const error = await client.listJobs(params('tag=Transcode&size=3')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'malformed', code: 'MalformedResponse' });
    expect((error as CiError).message).toContain('11 jobs to a page of size 3');
    await expect(client.listJobs(params('tag=Transcode'))).rejects.toMatchObject({ code: 'MalformedResponse' });
    handler = (_req, res) => xml(res, 200, page(10));
    await expect(client.listJobs(params('tag=Transcode'))).resolves.toMatchObject({ nextToken: 'n2' });
    handler = (_req, res) => xml(res, 200, page(3));
    expect((await client.listJobs(params('tag=Transcode&size=3'))).jobs).toHaveLength(3);
  });

  it('describes a non-XML error body by its status', async () => {
    handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body>Bad Gateway</body></html>');
    };
    await expect(clientFor().listJobs(params('tag=Transcode'))).rejects.toMatchObject({ code: 'HTTP502', status: 502 });
  });

  it('never puts the SecretKey into an error, even when upstream echoes it', async () => {
    handler = (_req, res) =>
      xml(res, 403, `<Error><Code>AccessDenied</Code><Message>key ${SECRET_KEY} refused</Message></Error>`);
    const error = (await clientFor()
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e)) as CiError;
    expect(error.message).not.toContain(SECRET_KEY);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(JSON.stringify(clientFor().config)).not.toContain(SECRET_KEY);
  });

  it('lists queues of every type', async () => {
    handler = (req, res) =>
      xml(
        res,
        200,
        `<Response><QueueList><QueueId>p${req.path.replace(/\W/g, '')}</QueueId><Name>q</Name><State>Active</State></QueueList></Response>`,
      );
    const queues = await clientFor().listQueues();
    expect(queues.map((q) => [q.queueId, q.queueType])).toEqual([
      ['pqueue', 'Transcoding'],
      ['pasrqueue', 'Speeching'],
      ['ppicqueue', 'PicProcess'],
      ['pai_queue', 'AIProcess'],
    ]);
  });

  it('returns null for an unknown job (404 or NonExistJobIds)', async () => {
    handler = (_req, res) => xml(res, 404, '<Error><Code>NoSuchResource</Code><Message>no job</Message></Error>');
    expect(await clientFor().getJob('jnope')).toBeNull();
    handler = (_req, res) => xml(res, 200, '<Response><NonExistJobIds>jnope</NonExistJobIds></Response>');
    expect(await clientFor().getJob('jnope')).toBeNull();
  });
});

describe('sharing reads', () => {
  it('sends 100 concurrent identical requests upstream once, and keeps the answer for the TTL', async () => {
    handler = (_req, res) => setTimeout(() => xml(res, 200, LIST), 50);
    const client = clientFor({ CI_CACHE_TTL_MS: '2000' });
    const pages = await Promise.all(
      Array.from({ length: 100 }, () => client.listJobs(params('tag=Transcode&size=10'))),
    );
    expect(pages.every((p) => p.jobs[0]?.jobId === 'j1')).toBe(true);
    expect(upstream.recorded).toHaveLength(1);
    await client.listJobs(params('tag=Transcode&size=10'));
    expect(upstream.recorded).toHaveLength(1);
    await client.listJobs(params('tag=Transcode&size=11'));
    expect(upstream.recorded).toHaveLength(2);
  });

  it('does not keep failures', async () => {
    let calls = 0;
    handler = (_req, res) =>
      ++calls === 1
        ? xml(res, 403, '<Error><Code>AccessDenied</Code><Message>x</Message></Error>')
        : xml(res, 200, LIST);
    const client = clientFor({ CI_CACHE_TTL_MS: '2000' });
    await expect(client.listJobs(params('tag=Transcode'))).rejects.toMatchObject({ code: 'AccessDenied' });
    expect((await client.listJobs(params('tag=Transcode'))).jobs).toHaveLength(1);
  });
});
