/**
 * The dashboard against an emulator that behaves as CI's reference says where the first emulator
 * was kinder (issue 15): paging whose last token leads to an empty page, numeric tokens, strict
 * creation-time bounds, ten ids per lookup, 200 + NonExistJobIds for unknown ids, /pic_jobs.
 * Each test would fail on the dashboard's old behaviour.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { startEmulator, viewAt, type JobRecord } from '@/emulator';
import { formatCiTime } from '@/lib/ci/params';

import { TEST_CREDENTIAL } from '../../support/route-harness';

const frozenNow = Date.now();
const emulator = await startEmulator({
  port: 0,
  now: () => frozenNow,
  jobCount: 1500,
  credentials: [TEST_CREDENTIAL],
  settings: { paging: 'ci', timeBounds: 'exclusive', picOnJobs: false },
});
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
const { getBackend } = await import('@/server/ci/backend');
const { listAllTags } = await import('@/server/ci/all-tags');
const { client } = await getBackend();

const networkFetch = globalThis.fetch;
vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
  if (!input.startsWith('/api/')) return networkFetch(input, init);
  const request = new Request(`http://localhost${input}`);
  return input.startsWith('/api/jobs/all?') ? allRoute.GET(request) : jobsRoute.GET(request);
});
afterEach(() => emulator.clearRequests());

const visible = (j: JobRecord) => viewAt(j, frozenNow) !== null;
/** The dashboard's own time format for a bound (inclusive in the dashboard). */
const bound = (ms: number) => formatCiTime(ms);
const inWindow = (from: number, to: number) =>
  emulator.dataset.jobs.filter((j) => visible(j) && j.creationMs >= from && j.creationMs <= to);

/** A window [from, to] holding exactly `n` Transcode jobs, both edges on a job's creation second. */
function windowOf(n: number) {
  const transcode = emulator.dataset.jobs.filter((j) => j.tag === 'Transcode' && visible(j));
  for (let i = 0; i + n < transcode.length; i++) {
    const first = transcode[i]!;
    const last = transcode[i + n - 1]!;
    if (transcode[i - 1]?.creationMs === first.creationMs) continue;
    if (transcode[i + n]!.creationMs === last.creationMs) continue;
    return { from: first.creationMs, to: last.creationMs };
  }
  throw new Error('no such window');
}

const ciListCalls = () => emulator.requests().filter((r) => r.path === '/jobs' || r.path === '/pic_jobs');

describe('paging that ends with a token leading to an empty page (EMULATOR_PAGING=ci)', () => {
  it('the list API: a full page carries a numeric token, the next page is empty and ends', async () => {
    const { from, to } = windowOf(100);
    const q = `tag=Transcode&size=100&startCreationTime=${encodeURIComponent(bound(from))}&endCreationTime=${encodeURIComponent(bound(to))}`;
    const first = (await (await jobsRoute.GET(new Request(`http://localhost/api/jobs?${q}`))).json()) as {
      jobs: { jobId: string }[];
      nextToken: string | null;
    };
    expect(first.jobs).toHaveLength(100);
    expect(first.nextToken).toMatch(/^\d+$/);
    const second = (await (
      await jobsRoute.GET(
        new Request(`http://localhost/api/jobs?${q}&nextToken=${encodeURIComponent(first.nextToken!)}`),
      )
    ).json()) as { jobs: unknown[]; nextToken: string | null };
    expect(second.jobs).toEqual([]);
    expect(second.nextToken || null).toBeNull();
  });

  it('collectJobs: every job of the window once, complete, after the empty page', async () => {
    const { from, to } = windowOf(200);
    const progress: { loaded: number; more: boolean }[] = [];
    const { jobs, complete } = await collectJobs({
      query: `tag=Transcode&startCreationTime=${encodeURIComponent(bound(from))}&endCreationTime=${encodeURIComponent(bound(to))}`,
      onProgress: (p) => progress.push(p),
    });
    expect(complete).toBe(true);
    expect(jobs.map((j) => j.jobId).sort()).toEqual(
      inWindow(from, to)
        .filter((j) => j.tag === 'Transcode')
        .map((j) => j.jobId)
        .sort(),
    );
    // 100 + 100 + the empty page the second token led to.
    expect(progress.map((p) => p.loaded)).toEqual([100, 200, 200]);
    expect(progress.at(-1)?.more).toBe(false);
  });

  it('the all-tags merge: a tag whose page was exactly full is asked once more, meets nothing, and is done', async () => {
    const { from, to } = windowOf(100);
    const jobs = inWindow(from, to);
    const perTag = new Map<string, number>();
    for (const j of jobs) perTag.set(j.tag, (perTag.get(j.tag) ?? 0) + 1);
    // A page size equal to one tag's count in the window: that tag's first CI page is full and has a token.
    const [fullTag, size] = [...perTag].find(([, n]) => n >= 3 && n <= 60)!;
    const params = { size, startCreationTime: bound(from), endCreationTime: bound(to) };
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 200; pages++) {
      const page = await listAllTags(client, params, cursor);
      seen.push(...page.jobs.map((j) => j.jobId));
      if (!page.cursor) break;
      cursor = page.cursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(jobs.map((j) => j.jobId).sort());
    const followUps = ciListCalls().filter(
      (r) => r.query.some(([k, v]) => k === 'tag' && v === fullTag) && r.query.some(([k]) => k === 'nextToken'),
    );
    expect(followUps.length).toBeGreaterThan(0);
  });
});

describe('creation-time bounds: CI is strict, the dashboard inclusive', () => {
  it('a job on a boundary second is in the window that starts there, and in only one of two adjacent windows', async () => {
    const job = emulator.dataset.jobs.find(
      (j) => j.tag === 'Snapshot' && visible(j) && j.creationMs < frozenNow - 7200_000,
    )!;
    const t = job.creationMs;
    const list = async (from: number, to: number) => {
      const { jobs } = await collectJobs({
        query: `tag=Snapshot&startCreationTime=${encodeURIComponent(bound(from))}&endCreationTime=${encodeURIComponent(bound(to))}`,
      });
      return jobs.map((j) => j.jobId);
    };
    // Adjacent windows as the overview's hourly bars make them: the first ends a second before the next begins.
    const before = await list(t - 3600_000, t - 1000);
    const after = await list(t, t + 3600_000 - 1000);
    const ending = await list(t - 3600_000, t);
    expect(before.filter((id) => id === job.jobId)).toHaveLength(0);
    expect(after.filter((id) => id === job.jobId)).toHaveLength(1);
    expect(ending.filter((id) => id === job.jobId)).toHaveLength(1);
    // And the window of one second holds exactly the jobs created in it.
    expect((await list(t, t)).sort()).toEqual(
      inWindow(t, t)
        .filter((j) => j.tag === 'Snapshot')
        .map((j) => j.jobId)
        .sort(),
    );
  });
});

describe('lookups by id: at most 10 per CI call, picture jobs under /pic_jobs', () => {
  const lookupCalls = () => emulator.requests().filter((r) => /^\/(pic_)?jobs\/./.test(r.path));

  it('splits 50 ids into calls of ≤ 10 and finds every one, with the unknown ones as not existing', async () => {
    const live = emulator.dataset.jobs.filter(visible);
    const pic = live.filter((j) => j.jobId.startsWith('c')).slice(0, 12);
    const ai = live.filter((j) => j.jobId.startsWith('a')).slice(0, 12);
    const media = live.filter((j) => j.jobId.startsWith('j')).slice(0, 23);
    const unknown = ['j' + '0'.repeat(32), 'a' + '1'.repeat(32), 'c' + '2'.repeat(32)];
    const ids = [...pic, ...ai, ...media].map((j) => j.jobId).concat(unknown);
    expect(ids).toHaveLength(50);
    const found = await client.getJobs(ids);
    expect(found.jobs.map((j) => j.jobId).sort()).toEqual([...pic, ...ai, ...media].map((j) => j.jobId).sort());
    expect(found.nonExistJobIds.sort()).toEqual([...unknown].sort());
    const calls = lookupCalls();
    expect(calls.every((r) => r.status === 200)).toBe(true);
    const sizes = calls.map((r) => r.path.slice(r.path.lastIndexOf('/') + 1).split(',').length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(50);
    // 13 picture ids → 2 calls under /pic_jobs; 37 others → 4 under /jobs.
    expect(calls.filter((r) => r.path.startsWith('/pic_jobs/'))).toHaveLength(2);
    expect(calls.filter((r) => r.path.startsWith('/jobs/'))).toHaveLength(4);
  });

  it('reads an answer with only NonExistJobIds (200) and a 404 alike: not found', async () => {
    expect(await client.getJob('j' + 'e'.repeat(32))).toBeNull();
    expect(lookupCalls().at(-1)?.status).toBe(200);
    emulator.setFaults({ errorRate: 1, errorStatus: 404, errorCode: 'NoSuchResource', pathPrefix: '/jobs/' });
    try {
      expect(await client.getJob('j' + 'f'.repeat(32))).toBeNull();
      expect((await client.getJobs(['j' + 'd'.repeat(32)])).nonExistJobIds).toEqual(['j' + 'd'.repeat(32)]);
    } finally {
      emulator.clearFaults();
    }
  });

  it('lists picture jobs under /pic_jobs, where CI documents them', async () => {
    const page = await client.listJobs({ tag: 'PicProcess', size: 5 });
    expect(page.jobs.length).toBe(5);
    expect(page.jobs.every((j) => j.jobId.startsWith('c'))).toBe(true);
    expect(ciListCalls().at(-1)?.path).toBe('/pic_jobs');
  });
});
