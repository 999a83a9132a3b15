/**
 * features/collection/collect-jobs against the real /api route handlers and a real emulator (frozen clock): every
 * matching job exactly once, for one tag and for all tags, progress after each page, the limit, a
 * cancel, and the rate limit's 429 waited out rather than failing the collection.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { startEmulator, viewAt } from '@/emulator';

import { TEST_CREDENTIAL } from '../../support/route-harness';

const frozenNow = Date.now();
const emulator = await startEmulator({ port: 0, now: () => frozenNow, jobCount: 1500, credentials: [TEST_CREDENTIAL] });
afterAll(() => emulator.close());
Object.assign(process.env, {
  CI_SECRET_ID: TEST_CREDENTIAL.secretId,
  CI_SECRET_KEY: TEST_CREDENTIAL.secretKey,
  CI_ENDPOINT: emulator.url,
  DASHBOARD_AUTH: 'none',
  CI_CACHE_TTL_MS: '0',
  DASHBOARD_RATE_LIMIT: '0',
});
const jobsRoute = await import('@/app/api/jobs/route');
const allRoute = await import('@/app/api/jobs/all/route');
const { collectJobs } = await import('@/features/collection/collect-jobs');

/** The browser's fetch, answered by the route handlers; `before` may answer first (faults). */
let before: ((url: string) => Response | null) | null = null;
const requested: string[] = [];
const networkFetch = globalThis.fetch;
vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
  // The CI client's own requests to the emulator go out as they are.
  if (!input.startsWith('/api/')) return networkFetch(input, init);
  requested.push(input);
  const early = before?.(input);
  if (early) return early;
  init?.signal?.throwIfAborted();
  const request = new Request(`http://localhost${input}`);
  return input.startsWith('/api/jobs/all?') ? allRoute.GET(request) : jobsRoute.GET(request);
});
afterEach(() => {
  before = null;
  requested.length = 0;
});

const expected = (state: string, tag?: string) =>
  emulator.dataset.jobs
    .filter((j) => (tag ? j.tag === tag : true) && viewAt(j, frozenNow)?.state === state)
    .map((j) => j.jobId)
    .sort();

describe('collectJobs', () => {
  it('collects every job of one tag exactly once, 100 per page, reporting each page', async () => {
    const progress: { loaded: number; more: boolean }[] = [];
    const { jobs, complete } = await collectJobs({
      query: 'tag=Transcode&states=Success&size=10',
      onProgress: (p) => progress.push(p),
    });
    const ids = jobs.map((j) => j.jobId);
    expect(complete).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected('Success', 'Transcode'));
    expect(ids.length).toBeGreaterThan(100);
    expect(requested.every((u) => new URLSearchParams(u.split('?')[1]).get('size') === '100')).toBe(true);
    expect(progress.length).toBe(requested.length);
    expect(progress.at(-1)).toEqual({ loaded: ids.length, pages: requested.length, more: false });
    expect(progress.slice(0, -1).every((p) => p.more)).toBe(true);
  });

  it('collects all tags through the combined cursor', async () => {
    const { jobs, complete } = await collectJobs({ query: 'states=Failed' });
    expect(complete).toBe(true);
    expect(requested.every((u) => u.startsWith('/api/jobs/all?'))).toBe(true);
    expect(requested.slice(1).every((u) => u.includes('cursor='))).toBe(true);
    expect(jobs.map((j) => j.jobId).sort()).toEqual(expected('Failed'));
    expect(new Set(jobs.map((j) => j.tag)).size).toBeGreaterThan(3);
  });

  it('stops at the limit and says the set is not complete', async () => {
    const { jobs, complete } = await collectJobs({ query: 'tag=Transcode', limit: 150 });
    expect(jobs).toHaveLength(150);
    expect(complete).toBe(false);
    expect(requested).toHaveLength(2);
  });

  it('stops when cancelled, without asking for further pages', async () => {
    const controller = new AbortController();
    const run = collectJobs({
      query: 'tag=Transcode',
      signal: controller.signal,
      onProgress: (p) => p.pages === 2 && controller.abort(new Error('cancelled by the operator')),
    });
    await expect(run).rejects.toThrow('cancelled by the operator');
    expect(requested).toHaveLength(2);
  });

  it('waits out the rate limit (429) and goes on', async () => {
    let refused = 0;
    before = () =>
      refused++ < 2
        ? Response.json({ error: { code: 'TooManyRequests', message: 'slow down' } }, { status: 429 })
        : null;
    const { jobs, complete } = await collectJobs({ query: 'tag=Transcode&states=Failed' });
    expect(complete).toBe(true);
    expect(refused).toBeGreaterThan(2);
    expect(jobs.map((j) => j.jobId).sort()).toEqual(expected('Failed', 'Transcode'));
  });

  it('fails with the API error for anything else', async () => {
    before = () =>
      Response.json(
        { error: { code: 'SignatureDoesNotMatch', message: 'bad signature', status: 403 } },
        { status: 502 },
      );
    await expect(collectJobs({ query: 'tag=Transcode' })).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
      status: 502,
    });
  });
});

describe('JobCollection (the store behind useJobCollection)', async () => {
  const { JobCollection } = await import('@/features/collection/use-job-collection');
  const settled = (c: InstanceType<typeof JobCollection>) =>
    new Promise<void>((resolve) => {
      const check = () => c.getSnapshot().status !== 'loading' && (off(), resolve());
      const off = c.subscribe(check);
      check();
    });

  it('goes loading → done with every job and the last progress', async () => {
    const c = new JobCollection();
    const seen: string[] = [];
    c.subscribe(() => seen.push(c.getSnapshot().status));
    c.start('tag=Transcode&states=Failed');
    await settled(c);
    const s = c.getSnapshot();
    expect(s.status).toBe('done');
    expect(s.complete).toBe(true);
    expect(s.jobs.map((j) => j.jobId).sort()).toEqual(expected('Failed', 'Transcode'));
    expect(seen[0]).toBe('loading');
  });

  it('keeps what it had when cancelled, and a newer start wins over an older one', async () => {
    const c = new JobCollection();
    c.start('tag=Transcode');
    await new Promise<void>((resolve) => {
      const off = c.subscribe(() => c.getSnapshot().progress.pages >= 1 && (off(), resolve()));
    });
    c.cancel();
    await settled(c);
    expect(c.getSnapshot()).toMatchObject({ status: 'cancelled', error: null });
    expect(c.getSnapshot().jobs.length).toBeGreaterThanOrEqual(100);

    c.start('tag=Transcode');
    c.start('tag=Snapshot&states=Failed');
    await settled(c);
    expect(c.getSnapshot().query).toBe('tag=Snapshot&states=Failed');
    expect(
      c
        .getSnapshot()
        .jobs.map((j) => j.jobId)
        .sort(),
    ).toEqual(expected('Failed', 'Snapshot'));
  });
});
