/**
 * POST /__emulator/jobs/<id>/finish: a test's way to make a state change happen on cue. The job
 * reads as finished from then on, in lists (and their state filters) and lookups by ID; bad input
 * is refused; the data set itself is untouched for other emulators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { viewAt } from '@/emulator/dataset';

import { startHarness, type Harness } from './harness';
import { jobsOf } from './signed-fetch';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jobCount: 400 });
});
afterAll(() => h.emu.close());

const finish = (id: string, body?: unknown) =>
  fetch(`${h.emu.url}/__emulator/jobs/${id}/finish`, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('finishing a job by hand', () => {
  it('shows the job finished in lists, state filters and lookups from then on', async () => {
    const running = h.emu.dataset.jobs.find(
      (j) => j.tag === 'Transcode' && viewAt(j, h.clock.now)?.state === 'Running',
    );
    expect(running).toBeDefined();
    const id = running!.jobId;
    const res = await finish(id, { state: 'Failed' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ jobId: id, state: 'Failed', bucket: h.emu.bucket });

    const byId = jobsOf(await h.get(`/jobs/${id}`));
    expect(byId[0]).toMatchObject({ JobId: id, State: 'Failed' });
    expect(byId[0].EndTime).toBeTruthy();
    const failed = jobsOf(await h.get('/jobs', { tag: 'Transcode', states: 'Failed', size: '100' }));
    expect(failed.map((j: { JobId: string }) => j.JobId)).toContain(id);
    const stillRunning = jobsOf(await h.get('/jobs', { tag: 'Transcode', states: 'Running', size: '100' }));
    expect(stillRunning.map((j: { JobId: string }) => j.JobId)).not.toContain(id);
    // Success is the default.
    expect(await (await finish(id)).json()).toMatchObject({ state: 'Success' });
    expect(jobsOf(await h.get(`/jobs/${id}`))[0]).toMatchObject({ State: 'Success', Progress: '100' });
  });

  it('refuses an unknown job, a bad state and other methods', async () => {
    expect((await finish('jnope', {})).status).toBe(404);
    const bad = await finish(h.emu.dataset.jobs[0]!.jobId, { state: 'Running' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${h.emu.url}/__emulator/jobs/x/finish`)).status).toBe(405);
  });
});
