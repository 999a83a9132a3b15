/**
 * The index behind the /api routes, as Next calls them: the server's own embedded emulator and an
 * embedded store in a fresh data directory, started as instrumentation starts them. Health reports
 * the index; lists that need it come from it with a total and a cursor; the overview counts; bad
 * values are 400 naming the field; CI's callback is token-checked, capped and writes only whole
 * jobs; a job CI no longer has is answered from the index. Live push (GET /api/events) streams
 * what the sync and callbacks change, resumes after Last-Event-ID and caps streams per client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CSV_BOM, CSV_COLUMNS, jobsToCsv } from '@/lib/export/jobs-csv';
import { queueNames } from '@/lib/queue-label';

import { readSse, type SseReader } from '../../support/sse-client';

const dataDir = mkdtempSync(path.join(tmpdir(), 'index-api-'));
const TOKEN = 'callback-token-0123456789abcdef';
Object.assign(process.env, {
  DASHBOARD_AUTH: 'none',
  DASHBOARD_DATA_DIR: dataDir,
  EMULATOR_JOBS: '1500',
  EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
  INDEX: 'on',
  INDEX_POLL_MS: '1000',
  INDEX_CI_QPS: '500',
  INDEX_CALLBACK_TOKEN: TOKEN,
  CI_CACHE_TTL_MS: '0',
});

const { startJobIndex, stopJobIndex } = await import('@/server/index/runtime');
const health = await import('@/app/api/health/route');
const ready = await import('@/app/api/health/ready/route');
const { READINESS_FRESH_MS } = await import('@/server/api/readiness');
const jobs = await import('@/app/api/jobs/route');
const job = await import('@/app/api/jobs/[jobId]/route');
const overviewRoute = await import('@/app/api/overview/route');
const callback = await import('@/app/api/ci/callback/route');
const exportRoute = await import('@/app/api/jobs/export/route');
const queuesRoute = await import('@/app/api/queues/route');
const eventsRoute = await import('@/app/api/events/route');
const { getBackend } = await import('@/server/ci/backend');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of several shapes, asserted field by field
type Body = Record<string, any>;
async function get(route: { GET: (r: Request) => Promise<Response> }, url: string) {
  const res = await route.GET(new Request(`http://localhost${url}`));
  return { status: res.status, body: (await res.json()) as Body };
}
async function getJob(id: string) {
  const res = await job.GET(new Request(`http://localhost/api/jobs/${id}`), { params: Promise.resolve({ jobId: id }) });
  return { status: res.status, body: (await res.json()) as Body };
}
async function post(url: string, body: string, type = 'application/xml') {
  const res = await callback.POST(
    new Request(`http://localhost${url}`, { method: 'POST', body, headers: { 'content-type': type } }),
  );
  return { status: res.status, body: (await res.json()) as Body };
}

/** What a load balancer's probe sees: the status and the whole body. */
async function probe(url = '/api/health/ready') {
  const res = await ready.GET(new Request(`http://localhost${url}`));
  return { status: res.status, body: (await res.json()) as Body, retryAfter: res.headers.get('retry-after') };
}
// Before the index has started, the replica is not ready (checked before beforeAll starts it).
const beforeStart = await probe();

beforeAll(async () => {
  startJobIndex();
  const deadline = Date.now() + 240_000;
  for (;;) {
    const { body } = await get(health, '/api/health');
    if (body.index.state === 'live') break;
    if (body.index.state === 'failed' || Date.now() > deadline) throw new Error(JSON.stringify(body.index));
    await new Promise((r) => setTimeout(r, 250));
  }
}, 300_000);
afterAll(async () => {
  await stopJobIndex();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the job index behind /api', { timeout: 60_000 }, () => {
  it('health reports the index of each bucket', async () => {
    const { status, body } = await get(health, '/api/health');
    expect(status).toBe(200);
    expect(body.index).toMatchObject({ state: 'live' });
    expect(body.index.jobs).toBeGreaterThan(100);
    expect(body.index.lagSeconds).toBeLessThanOrEqual(3);
    expect(Date.parse(body.index.oldest)).toBeLessThan(Date.parse(body.index.newest));
    expect(body.index.ciCallsLastHour).toBeGreaterThan(25);
    expect(body.buckets[0].index.state).toBe('live');
  });

  it('readiness: 503 while the store starts, 200 once it answers; nothing more than that, open to a probe', async () => {
    expect(beforeStart).toEqual({ status: 503, body: { ready: false, store: 'starting' }, retryAfter: '5' });
    // Answers within READINESS_FRESH_MS share one store check: wait past the one made before start.
    await new Promise((r) => setTimeout(r, READINESS_FRESH_MS + 50));
    // The whole body: no bucket, region, replica or error for a caller without a session.
    expect(await probe()).toEqual({ status: 200, body: { ready: true, store: 'ok' }, retryAfter: null });
    const unknown = await probe('/api/health/ready?bucket=x');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'InvalidArgument', field: 'bucket' });
  });

  it('answers tag=all from the index, with a total and a keyset cursor', async () => {
    const first = await get(jobs, '/api/jobs?tag=all&size=7');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ source: 'index', nextToken: null });
    expect(first.body.total).toBeGreaterThan(100);
    expect(first.body.jobs).toHaveLength(7);
    expect(typeof first.body.asOf).toBe('string');
    const second = await get(jobs, `/api/jobs?tag=all&size=7&cursor=${first.body.cursor}`);
    expect(second.body.jobs).toHaveLength(7);
    const ids = [...first.body.jobs, ...second.body.jobs].map((j: Body) => j.jobId);
    expect(new Set(ids).size).toBe(14);
    const times = [...first.body.jobs, ...second.body.jobs].map((j: Body) => Date.parse(j.creationTime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('keeps a plain list a CI call, and says so', async () => {
    const ci = await get(jobs, '/api/jobs?tag=Transcode&size=3');
    expect(ci.body.source).toBe('ci');
    const indexed = await get(jobs, '/api/jobs?tag=Transcode&size=3&source=index');
    expect(indexed.body.source).toBe('index');
    expect(indexed.body.total).toBeGreaterThan(3);
  });

  it('filters by code and by a part of a key, counting every match', async () => {
    const failed = await get(jobs, '/api/jobs?tag=all&states=Failed&size=100');
    const code = failed.body.jobs[0].code as string;
    const byCode = await get(jobs, `/api/jobs?tag=all&code=${code}&size=100`);
    expect(byCode.body.jobs.length).toBeGreaterThan(0);
    expect(byCode.body.jobs.every((j: Body) => j.code === code)).toBe(true);
    if (!byCode.body.cursor) expect(byCode.body.total).toBe(byCode.body.jobs.length);
    else expect(byCode.body.total).toBeGreaterThan(byCode.body.jobs.length);
    const key = failed.body.jobs[0].input.object as string;
    const byQ = await get(jobs, `/api/jobs?tag=all&q=${encodeURIComponent(key.slice(-10))}`);
    expect(byQ.body.jobs.map((j: Body) => j.jobId)).toContain(failed.body.jobs[0].jobId);
  });

  it.each([
    ['q=ab', 'q'],
    ['code=no%20spaces', 'code'],
    ['minDurationSec=-1', 'minDurationSec'],
    ['minDurationSec=10&maxDurationSec=5', 'maxDurationSec'],
    ['cursor=not-a-cursor&tag=all', 'cursor'],
    ['source=ci&code=X', 'code'],
    ['source=cache', 'source'],
    ['tag=all&nextToken=abc', 'nextToken'],
    ['tag=everything', 'tag'],
    ['q=abc&q=abd', 'q'],
  ])('refuses %s naming %s', async (query, field) => {
    const { status, body } = await get(jobs, `/api/jobs?tag=Transcode&${query}`.replace('tag=Transcode&tag=', 'tag='));
    expect(status).toBe(400);
    expect(body.error.field).toBe(field);
  });

  it('answers the overview of a window from the index', async () => {
    const { status, body } = await get(overviewRoute, '/api/overview?tag=all&timeZone=Asia/Shanghai');
    expect(status).toBe(200);
    expect(body.source).toBe('index');
    expect(body.total).toBeGreaterThan(0);
    expect(Object.values(body.byState as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(body.total);
    expect(body.byTime.unit).toBe('hour');
    expect(body.byTime.buckets.reduce((n: number, b: Body) => n + b.total, 0)).toBe(body.total);
    const week = await get(
      overviewRoute,
      `/api/overview?tag=Transcode&startCreationTime=${encodeURIComponent(new Date(Date.now() - 8 * 86_400_000).toISOString())}`,
    );
    expect(week.body.byTime.unit).toBe('day');
    expect((await get(overviewRoute, '/api/overview?tag=all&timeZone=Mars/Olympus')).body.error.field).toBe('timeZone');
    expect((await get(overviewRoute, '/api/overview?tag=all&size=5')).body.error.field).toBe('size');
  });

  const detail = (id: string, state = 'Failed') =>
    `<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>${id}</JobId><Tag>Transcode</Tag><State>${state}</State>` +
    `<Code>InternalError</Code><Message>callback test</Message><CreationTime>2026-11-20T10:00:00+0800</CreationTime>` +
    `<StartTime>2026-11-20T10:00:01+0800</StartTime><EndTime>2026-11-20T10:00:09+0800</EndTime><QueueId>p1</QueueId>` +
    `<Input><Object>cb/input.mp4</Object></Input><Operation><Output><Object>cb/out.mp4</Object></Output></Operation></JobsDetail></Response>`;

  it('takes CI callbacks only with the token, and only whole jobs', async () => {
    const id = 'jcallback0000000000000000000000001';
    expect((await post(`/api/ci/callback`, detail(id))).status).toBe(401);
    expect((await post(`/api/ci/callback?token=${TOKEN}x`, detail(id))).status).toBe(401);
    const bad = await post(`/api/ci/callback?token=${TOKEN}`, detail(id).slice(0, -40));
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('body');
    expect((await post(`/api/ci/callback?token=${TOKEN}`, 'x'.repeat(1024 * 1024 + 1))).status).toBe(413);
    expect((await getJob(id)).status).toBe(404);

    const taken = await post(`/api/ci/callback?token=${TOKEN}`, detail(id));
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ accepted: 1, inserted: 1 });
    // CI (the emulator) never had it: the detail comes from the index, and says so.
    const found = await getJob(id);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ source: 'index', complete: true, job: { jobId: id, state: 'Failed' } });
    expect(found.body.job.input.object).toBe('cb/input.mp4');
    // The same panel as from CI: the job element the callback carried is its Original XML.
    expect(found.body.xml).toBe(
      detail(id).slice('<Response><EventName>TaskFinish</EventName>'.length, -'</Response>'.length),
    );

    const json = await post(
      `/api/ci/callback?token=${TOKEN}`,
      JSON.stringify({
        EventName: 'TaskFinish',
        JobsDetail: {
          JobId: 'jcallback0000000000000000000000002',
          Tag: 'Snapshot',
          State: 'Success',
          Code: 'Success',
          Progress: 100,
          CreationTime: '2026-11-20T11:00:00+0800',
        },
      }),
      'application/json',
    );
    expect(json.status).toBe(200);
    const fromJson = await getJob('jcallback0000000000000000000000002');
    expect(fromJson.body).toMatchObject({ source: 'index', complete: true, job: { state: 'Success', progress: 100 } });
    expect(fromJson.body.xml).toMatch(
      /^<JobsDetail><JobId>jcallback0000000000000000000000002<\/JobId><Tag>Snapshot<\/Tag>/,
    );
    const listed = await get(jobs, '/api/jobs?tag=all&q=cb/input');
    expect(listed.body.jobs.map((j: Body) => j.jobId)).toEqual([id]);
  });

  it('streams every matching job as CSV and JSON, the files the browser writes', async () => {
    const total = (await get(jobs, '/api/jobs?tag=all&size=1')).body.total as number;
    const csvRes = await exportRoute.GET(new Request('http://localhost/api/jobs/export?format=csv&tag=all'));
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-disposition')).toMatch(/filename="ci-jobs_all-tags_.*\.csv"/);
    // Decoded by hand: Response.text() drops a byte-order mark.
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csvRes.arrayBuffer());
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(CSV_COLUMNS.map((c) => c.header));
    expect(rows.length - 1).toBeGreaterThanOrEqual(total); // the sync may add jobs in between
    expect(new Set(rows.slice(1).map((r) => r[0])).size).toBe(rows.length - 1);

    const failed = await get(jobs, '/api/jobs?tag=Snapshot&states=Failed&size=100&orderByTime=Asc&source=index');
    const some = await exportRoute.GET(
      new Request('http://localhost/api/jobs/export?format=csv&tag=Snapshot&states=Failed&orderByTime=Asc'),
    );
    expect(failed.body.cursor).toBeNull();
    expect(failed.body.jobs.length).toBeGreaterThan(0);
    // The queue names are looked up once for the file, as the browser's export takes them from /api/queues.
    const names = queueNames((await get(queuesRoute, '/api/queues')).body.queues);
    expect(names.size).toBeGreaterThan(0);
    const someCsv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await some.arrayBuffer());
    expect(someCsv).toBe(jobsToCsv(failed.body.jobs, names));
    const named = Papa.parse<string[]>(someCsv.slice(1), { skipEmptyLines: true }).data;
    const at = (h: string) => named[0]!.indexOf(h);
    expect(
      named.slice(1).some((r) => r[at('queueName')] !== '' && r[at('queueName')] === names.get(r[at('queueId')]!)),
    ).toBe(true);

    const jsonRes = await exportRoute.GET(
      new Request('http://localhost/api/jobs/export?format=json&tag=Transcode&source=index'),
    );
    const doc = (await jsonRes.json()) as Body;
    expect(doc).toMatchObject({ scope: 'matching', complete: true, filters: { tag: 'Transcode' } });
    expect(doc.count).toBe(doc.jobs.length);
    expect(doc.jobs.every((j: Body) => j.tag === 'Transcode')).toBe(true);
    const empty = await exportRoute.GET(
      new Request('http://localhost/api/jobs/export?format=json&tag=all&q=nothing-like-this'),
    );
    expect(await empty.json()).toMatchObject({ count: 0, jobs: [] });
    expect((await exportRoute.GET(new Request('http://localhost/api/jobs/export?format=xml'))).status).toBe(400);
  });
});

describe('live push over /api/events', { timeout: 90_000 }, () => {
  const open: SseReader[] = [];
  afterAll(() => open.forEach((r) => r.close()));
  async function stream(query = '', headers: Record<string, string> = {}) {
    const abort = new AbortController();
    const res = await eventsRoute.GET(
      new Request(`http://localhost/api/events${query}`, { headers, signal: abort.signal }),
    );
    const reader = readSse(res, abort);
    open.push(reader);
    return reader;
  }
  const detail = (id: string, state: string, tag = 'Transcode') =>
    `<Response><EventName>TaskFinish</EventName><JobsDetail><JobId>${id}</JobId><Tag>${tag}</Tag><State>${state}</State>` +
    `<Code>Success</Code><CreationTime>2026-11-21T10:00:00+0800</CreationTime><QueueId>p1</QueueId></JobsDetail></Response>`;

  it('refuses a bad filter naming the field', async () => {
    for (const [query, field] of [
      ['?tag=Nope', 'tag'],
      ['?tag=Transcode&tag=Snapshot', 'tag'],
      ['?since=3', 'since'],
      ['?bucket=nope-1250000000', 'bucket'],
    ]) {
      const res = await eventsRoute.GET(new Request(`http://localhost/api/events${query}`));
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as Body).error.field, query).toBe(field);
    }
  });

  it("streams for proxies, starts with its position, and pushes a callback's change to the tag it names", async () => {
    const transcode = await stream('?tag=Transcode');
    const snapshot = await stream('?tag=Snapshot');
    expect(transcode.response.status).toBe(200);
    expect(Object.fromEntries(transcode.response.headers)).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    const ready = await transcode.next((e) => e.event === 'ready');
    expect(Number(ready.id)).toBeGreaterThanOrEqual(0);
    expect(JSON.parse(ready.data)).toMatchObject({ bucket: 'demo-1250000000', tag: 'Transcode' });
    expect(transcode.retry).toBe(3000);
    await snapshot.next((e) => e.event === 'ready');

    const id = 'jpush00000000000000000000000000001';
    expect((await post(`/api/ci/callback?token=${TOKEN}`, detail(id, 'Success'))).status).toBe(200);
    const pushed = await transcode.next((e) => e.event === 'jobs' && e.data.includes(id), 10_000);
    expect(JSON.parse(pushed.data)).toEqual({
      bucket: 'demo-1250000000',
      tag: 'Transcode',
      jobs: [{ id, state: 'Success' }],
    });
    expect(Number(pushed.id)).toBeGreaterThan(Number(ready.id));
    // The Snapshot stream hears nothing of a Transcode job.
    const other = 'jpush00000000000000000000000000002';
    await post(`/api/ci/callback?token=${TOKEN}`, detail(other, 'Failed', 'Snapshot'));
    await snapshot.next((e) => e.event === 'jobs' && e.data.includes(other), 10_000);
    expect(snapshot.events.some((e) => e.data.includes(id))).toBe(false);

    // Reconnecting with the id it had before the callback: it gets the change it missed, once.
    const resumed = await stream('?tag=Transcode', { 'last-event-id': ready.id! });
    const again = await resumed.next((e) => e.event === 'jobs' && e.data.includes(id));
    expect(again.id).toBe(pushed.id);
    await resumed.next((e) => e.event === 'ready');
    expect(resumed.events.filter((e) => e.data.includes(id))).toHaveLength(1);
    // A header that is none of ours: start over.
    const forged = await stream('?tag=Transcode', { 'last-event-id': 'zzz' });
    await forged.next((e) => e.event === 'reset');
  });

  it('pushes a state change the sync reads from CI', async () => {
    const reader = await stream('?tag=Transcode');
    await reader.next((e) => e.event === 'ready');
    const running = await get(jobs, '/api/jobs?tag=all&states=Running&size=100');
    const job = (running.body.jobs as Body[]).find((j) => j.tag === 'Transcode');
    expect(job, 'a running Transcode job in the index').toBeDefined();
    const { emulatorUrl } = await getBackend();
    const finished = await fetch(`${emulatorUrl}/__emulator/jobs/${job!.jobId}`, {
      method: 'PUT',
      body: JSON.stringify({ state: 'Failed' }),
    });
    expect(finished.status).toBe(200);
    // Progress of a running job is a change too; the one awaited is its end.
    const pushed = await reader.next(
      (e) =>
        e.event === 'jobs' &&
        (JSON.parse(e.data) as Body).jobs.some((j: Body) => j.id === job!.jobId && j.state === 'Failed'),
      30_000,
    );
    expect(JSON.parse(pushed.data)).toMatchObject({ bucket: 'demo-1250000000', tag: 'Transcode' });
  });

  it('caps the streams one client has open', async () => {
    const readers = [];
    let refused: Response | null = null;
    for (let i = 0; i < 20 && !refused; i++) {
      const abort = new AbortController();
      const res = await eventsRoute.GET(new Request('http://localhost/api/events', { signal: abort.signal }));
      if (res.status === 429) refused = res;
      else readers.push(readSse(res, abort));
    }
    readers.forEach((r) => r.close());
    // Eight at most, counting the ones still open from the tests above.
    expect(readers.length + open.filter((r) => r.response.status === 200).length).toBeGreaterThanOrEqual(8);
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
