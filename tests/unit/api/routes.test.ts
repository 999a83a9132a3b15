/**
 * The /api route handlers, called as Next calls them, with CI_ENDPOINT pointed at a server this
 * test started: validation before forwarding, error mapping, and no SecretKey in any body or log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import type { ApiErrorBody } from '@/lib/ci/types';

import { startRecordingCi, xml, type Handler } from '../../support/recording-ci';

const SECRET_KEY = 'SENTINEL-route-secret-1b2c3d4e';
const LIST =
  '<Response><JobsDetail><JobId>j1</JobId><Tag>Transcode</Tag><State>Success</State></JobsDetail><NextToken></NextToken></Response>';
let handler: Handler = (_req, res) => xml(res, 200, LIST);
const upstream = await startRecordingCi(SECRET_KEY, (req, res) => handler(req, res));
const logged: string[] = [];

Object.assign(process.env, {
  CI_SECRET_ID: 'AKIDrouteTEST1234',
  CI_SECRET_KEY: SECRET_KEY,
  CI_ENDPOINT: upstream.url,
  CI_TIMEOUT_MS: '500',
  CI_CACHE_TTL_MS: '0',
  DASHBOARD_AUTH: 'none',
});
const jobsRoute = await import('@/app/api/jobs/route');
const jobRoute = await import('@/app/api/jobs/[jobId]/route');
const queuesRoute = await import('@/app/api/queues/route');
const healthRoute = await import('@/app/api/health/route');
const allTagsRoute = await import('@/app/api/jobs/all/route');

const bodies: string[] = [];
async function call(promise: Promise<Response>) {
  const res = await promise;
  const text = await res.text();
  bodies.push(text);
  // JSON of several shapes: the error's fields are typed, the rest is asserted as it comes.
  return { status: res.status, body: JSON.parse(text) as Partial<ApiErrorBody> & Record<string, unknown> };
}
const listJobs = (query: string) => call(jobsRoute.GET(new Request(`http://localhost/api/jobs?${query}`)));
const getJob = (id: string, query = '') =>
  call(
    jobRoute.GET(new Request(`http://localhost/api/jobs/${encodeURIComponent(id)}${query}`), {
      params: Promise.resolve({ jobId: id }),
    }),
  );

beforeAll(() => {
  for (const level of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterEach(() => {
  handler = (_req, res) => xml(res, 200, LIST);
  upstream.recorded.length = 0;
});
afterAll(async () => {
  vi.restoreAllMocks();
  await upstream.close();
  expect(bodies.length).toBeGreaterThan(10);
  expect(bodies.join('\n')).not.toContain(SECRET_KEY);
  expect(logged.join('\n')).not.toContain(SECRET_KEY);
});

describe('GET /api/jobs', () => {
  it('answers the jobs of a valid query, forwarding exactly its parameters, signed', async () => {
    const r = await listJobs('tag=Transcode&states=Failed&size=20&startCreationTime=2024-01-01T00:00:00%2B08:00');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ jobs: [{ jobId: 'j1', state: 'Success' }], nextToken: null });
    expect(upstream.recorded).toHaveLength(1);
    expect(upstream.recorded[0]!.signatureValid).toBe(true);
    expect(Object.fromEntries(upstream.recorded[0]!.query)).toEqual({
      tag: 'Transcode',
      states: 'Failed',
      size: '20',
      // The dashboard's bound is inclusive, CI's strict: one second earlier reaches CI (lib/ci/params widenBound).
      startCreationTime: '2023-12-31T23:59:59+0800',
    });
  });

  it.each([
    ['size=10', 'tag'],
    ['tag=Transcode&size=0', 'size'],
    ['tag=Transcode&states=Done', 'states'],
    ['tag=Transcode&startCreationTime=yesterday', 'startCreationTime'],
    ['tag=Transcode&evil=1', 'evil'],
    ['tag=Transcode&tag=Snapshot', 'tag'],
  ])('refuses %s with 400 naming %s, and forwards nothing', async (query, field) => {
    const r = await listJobs(query);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'InvalidArgument', field });
    expect(typeof r.body.error?.message).toBe('string');
    expect(upstream.recorded).toHaveLength(0);
  });

  it("maps CI's errors to 502 with Code, Message and RequestId", async () => {
    handler = (_req, res) =>
      xml(
        res,
        403,
        '<Error><Code>SignatureDoesNotMatch</Code><Message>The Signature you specified is invalid.</Message><RequestId>Ng==</RequestId></Error>',
      );
    const r = await listJobs('tag=Transcode');
    expect(r.status).toBe(502);
    expect(r.body.error).toEqual({
      code: 'SignatureDoesNotMatch',
      message: 'The Signature you specified is invalid.',
      requestId: 'Ng==',
      status: 403,
    });
  });

  it('maps a timeout to 504 and malformed XML to 502 MalformedResponse', async () => {
    handler = () => undefined;
    expect((await listJobs('tag=Transcode')).status).toBe(504);
    handler = (_req, res) => xml(res, 200, '<Response><JobsDetail><JobId>j');
    const r = await listJobs('tag=Transcode');
    expect(r.status).toBe(502);
    expect(r.body.error?.code).toBe('MalformedResponse');
  });
});

describe('GET /api/jobs/<jobId>', () => {
  it('answers one job with its XML', async () => {
    handler = (_req, res) =>
      xml(res, 200, '<Response><JobsDetail><JobId>jabc</JobId><Tag>Snapshot</Tag></JobsDetail></Response>');
    const r = await getJob('jabc');
    expect(r.status).toBe(200);
    expect(r.body.job).toMatchObject({ jobId: 'jabc', tag: 'Snapshot' });
    expect(r.body.xml).toContain('<JobId>jabc</JobId>');
    expect(upstream.recorded[0]!.path).toBe('/jobs/jabc');
  });

  it('answers 404 for an unknown job', async () => {
    handler = (_req, res) => xml(res, 404, '<Error><Code>NoSuchResource</Code><Message>none</Message></Error>');
    const r = await getJob('jnope');
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('NoSuchJob');
  });

  it('refuses a malformed ID or a query without calling CI', async () => {
    expect((await getJob('../queue')).body.error?.field).toBe('jobId');
    expect((await getJob("j1' OR 1=1")).status).toBe(400);
    expect((await getJob('j1', '?x=1')).body.error?.field).toBe('x');
    expect(upstream.recorded).toHaveLength(0);
  });
});

describe('the bucket parameter', () => {
  it('is taken by every route; an unknown, empty or repeated one is a 400 naming the field, and CI is not called', async () => {
    const queues = (q: string) => call(queuesRoute.GET(new Request(`http://localhost/api/queues${q}`)));
    const health = (q: string) => call(healthRoute.GET(new Request(`http://localhost/api/health${q}`)));
    for (const r of [
      await listJobs('tag=Transcode&bucket=nope-1250000000'),
      await getJob('j1', '?bucket=nope-1250000000'),
      await queues('?bucket=nope-1250000000'),
      await health('?bucket=nope-1250000000'),
      await call(allTagsRoute.GET(new Request('http://localhost/api/jobs/all?bucket=nope-1250000000'))),
      await listJobs('tag=Transcode&bucket='),
      await listJobs('tag=Transcode&bucket=a&bucket=b'),
    ]) {
      expect(r.status).toBe(400);
      expect(r.body.error?.field).toBe('bucket');
    }
    expect((await listJobs('tag=Transcode&bucket=nope-1250000000')).body.error?.message).toContain(
      'unknown-0000000000',
    );
    expect(upstream.recorded).toHaveLength(0);
    // The configured bucket by name is the same as none; the strict GET /jobs rules never see it.
    expect((await listJobs('tag=Transcode&bucket=unknown-0000000000')).status).toBe(200);
    expect(upstream.recorded[0]?.query.map(([k]) => k)).toEqual(['tag']);
  });
});

describe('the /api/jobs/all cursor', () => {
  const allTags = (q: string) => call(allTagsRoute.GET(new Request(`http://localhost/api/jobs/all?${q}`)));
  const PAGE =
    '<Response><JobsDetail><JobId>j1</JobId><Tag>Transcode</Tag><State>Success</State><CreationTime>2024-01-01T00:00:00+0800</CreationTime></JobsDetail><NextToken>n2</NextToken></Response>';

  it('is signed: a forged, altered or foreign cursor is a 400 naming cursor, and no token reaches CI', async () => {
    const { encodeCursor } = await import('@/server/ci/all-tags');
    handler = (_req, res) => xml(res, 200, PAGE);
    const first = await allTags('size=1');
    expect(first.status).toBe(200);
    const cursor = first.body.cursor as string;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    upstream.recorded.length = 0;
    expect((await allTags(`size=1&cursor=${cursor}`)).status).toBe(200);
    expect(upstream.recorded.some((r) => r.query.some(([k, v]) => k === 'nextToken' && v === 'n2'))).toBe(true);

    upstream.recorded.length = 0;
    const [payload, mac] = cursor.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { p: Record<string, { t: string }> };
    const hostile = ['n2\r\nX-Injected: 1', 'n2\u0000', '<script>alert(1)</script>', 'x'.repeat(3000)];
    const forged = [
      // What anyone could make before: a well-formed payload with no (or a made-up) signature.
      Buffer.from(JSON.stringify(decoded)).toString('base64url'),
      `${Buffer.from(JSON.stringify(decoded)).toString('base64url')}.${'A'.repeat(43)}`,
      ...hostile.map((t) => {
        const altered = { ...decoded, p: { ...decoded.p, Transcode: { t, o: 0 } } };
        return `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${mac}`;
      }),
      // Signed by another process (another session key): refused cleanly, not a crash.
      encodeCursor(decoded as never, new Uint8Array(32).fill(7)),
    ];
    for (const c of forged) {
      const r = await allTags(`size=1&cursor=${encodeURIComponent(c)}`);
      expect(r.status, c.slice(0, 40)).toBe(400);
      expect(r.body.error?.field).toBe('cursor');
    }
    expect(upstream.recorded).toHaveLength(0);
  });
});

describe('GET /api/queues and /api/health', () => {
  it('lists queues', async () => {
    handler = (_req, res) =>
      xml(res, 200, '<Response><QueueList><QueueId>p1</QueueId><Name>n</Name></QueueList></Response>');
    const r = await call(queuesRoute.GET(new Request('http://localhost/api/queues')));
    expect(r.status).toBe(200);
    expect(r.body.queues).toHaveLength(4);
  });

  it('reports CI mode and whether CI answers, without the key', async () => {
    handler = (_req, res) => xml(res, 200, '<Response></Response>');
    let r = await call(healthRoute.GET(new Request('http://localhost/api/health')));
    expect(r.body).toMatchObject({ mode: 'ci', upstream: { reachable: true } });
    handler = (_req, res) => xml(res, 403, '<Error><Code>AccessDenied</Code><Message>no</Message></Error>');
    r = await call(healthRoute.GET(new Request('http://localhost/api/health')));
    expect(r.body.upstream).toMatchObject({ reachable: true, error: { code: 'AccessDenied' } });
    expect(JSON.stringify(r.body)).not.toContain(SECRET_KEY);
  });
});
