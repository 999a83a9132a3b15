import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { viewAt } from '@/emulator';

import { startHarness, type Harness } from './harness';
import { jobsOf, type Loose } from './signed-fetch';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jobCount: 400 });
});
afterAll(() => h.emu.close());
afterEach(async () => {
  await control('jobs', { method: 'DELETE' });
});

const control = (path: string, init?: RequestInit) => fetch(`${h.emu.url}/__emulator/${path}`, init);
const send = async (method: string, path: string, body: unknown) => {
  const res = await control(path, {
    method,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  const json: Loose = await res.json();
  return { status: res.status, json };
};
const newest = async (params: Record<string, string> = {}) =>
  jobsOf(await h.get('/jobs', { tag: 'Transcode', size: '10', orderByTime: 'Desc', ...params }));

describe('/__emulator/jobs', () => {
  it('creates a failed job now: it heads the list, in its state, and is described by id', async () => {
    const created = await send('POST', 'jobs', { state: 'Failed' });
    expect(created.status).toBe(201);
    const { jobId } = created.json.job;
    expect(jobId).toMatch(/^j[0-9a-f]{32}$/);
    const [first] = await newest();
    expect(first.JobId).toBe(jobId);
    expect(first.State).toBe('Failed');
    expect(first.Code).not.toBe('Success');
    const failedOnly = await newest({ states: 'Failed' });
    expect(failedOnly[0].JobId).toBe(jobId);
    const one = jobsOf(await h.get(`/jobs/${jobId}`));
    expect(one[0].State).toBe('Failed');
    const listed = (await (await control('jobs')).json()) as { jobs: { jobId: string }[] };
    expect(listed.jobs.map((j) => j.jobId)).toEqual([jobId]);
  });

  it('gives a created job the input asked for, so a filter on it lists exactly the created jobs', async () => {
    const key = 'e2e/script/only-this.mp4';
    const a = (await send('POST', 'jobs', { state: 'Failed', input: key })).json.job.jobId as string;
    const b = (await send('POST', 'jobs', { state: 'Running', progress: 10, input: key })).json.job.jobId as string;
    expect((await newest({ inputObject: key })).map((j) => j.JobId).sort()).toEqual([a, b].sort());
    expect((await newest({ inputObject: key, states: 'Failed' })).map((j) => j.JobId)).toEqual([a]);
  });

  it('holds a created running job at its progress until it is finished, then keeps its place', async () => {
    const created = await send('POST', 'jobs', { state: 'Running', progress: 99 });
    const { jobId } = created.json.job;
    expect(created.json.job).toMatchObject({ state: 'Running', progress: 99 });
    const before = (await newest({ states: 'Running', size: '100' })).map((j) => j.JobId);
    expect(before).toContain(jobId);
    h.clock.now += 5_000;
    expect((await newest({ states: 'Running', size: '100' })).find((j) => j.JobId === jobId)?.State).toBe('Running');

    const done = await send('PUT', `jobs/${jobId}`, { state: 'Success' });
    expect(done.status).toBe(200);
    expect(done.json.job).toMatchObject({ state: 'Success', progress: 100 });
    expect((await newest({ states: 'Running', size: '100' })).map((j) => j.JobId)).not.toContain(jobId);
    const all = (await newest({ size: '100' })).map((j) => j.JobId);
    expect(all.indexOf(jobId)).toBeGreaterThanOrEqual(0);
    expect(jobsOf(await h.get(`/jobs/${jobId}`))[0].State).toBe('Success');

    // A finished job does not finish twice.
    expect((await send('PUT', `jobs/${jobId}`, { state: 'Failed' })).status).toBe(409);
  });

  it('finishes a job of the seeded plan as Failed at the progress it had', async () => {
    const running = h.emu.dataset.jobs.find(
      (j) => j.tag === 'Transcode' && viewAt(j, h.clock.now)?.state === 'Running',
    );
    expect(running).toBeDefined();
    const progress = viewAt(running!, h.clock.now)!.progress;
    const done = await send('PUT', `jobs/${running!.jobId}`, { state: 'Failed' });
    expect(done.json.job).toMatchObject({ state: 'Failed', progress });
    expect(jobsOf(await h.get(`/jobs/${running!.jobId}`))[0].State).toBe('Failed');
    const stats: Loose = await (await control('stats')).json();
    const counts = h.emu.dataset.stateCounts(h.clock.now);
    expect(stats.dataset.byState.Failed).toBe(counts.get('Failed'));
    // Clearing restores the plan.
    expect(((await (await control('jobs', { method: 'DELETE' })).json()) as { cleared: number }).cleared).toBe(1);
    expect(jobsOf(await h.get(`/jobs/${running!.jobId}`))[0].State).toBe('Running');
  });

  it('names what is wrong in a request', async () => {
    for (const [body, field] of [
      [{ state: 'Done' }, 'state'],
      [{ state: 'Failed', tag: 'Nope' }, 'tag'],
      [{ state: 'Failed', progress: 5 }, 'progress'],
      [{ state: 'Running', progress: 100 }, 'progress'],
      [{ state: 'Failed', color: 'red' }, 'color'],
      [{ state: 'Failed', input: '' }, 'input'],
    ] as const) {
      const res = await send('POST', 'jobs', body);
      expect(res.status).toBe(400);
      expect(res.json.error.field).toBe(field);
    }
    expect((await send('PUT', 'jobs/j0000000000000000000000000000dead', { state: 'Success' })).status).toBe(404);
    expect((await send('PUT', 'jobs/x', { state: 'Running' })).json.error.field).toBe('state');
    expect((await control('jobs', { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await control('jobs/x', { method: 'GET' })).status).toBe(405);
  });
});
