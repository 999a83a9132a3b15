import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { formatCiTime, viewAt, type JobRecord } from '@/emulator';
import type { JobState, Tag } from '@/lib/ci/tags';

import { BASE, startHarness, type Harness } from './harness';
import { jobsOf } from './signed-fetch';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emu.close());

/** Independent oracle: the visible jobs of a tag, newest first, that satisfy `keep`. */
function expected(tag: Tag, keep: (job: JobRecord, state: JobState) => boolean = () => true): string[] {
  const jobs = h.emu.dataset.jobs.filter((j) => {
    const v = viewAt(j, h.clock.now);
    return j.tag === tag && v !== null && keep(j, v.state);
  });
  return jobs.sort((a, b) => b.creationMs - a.creationMs || (a.jobId < b.jobId ? 1 : -1)).map((j) => j.jobId);
}

const queueOf = (type: string, state = 'Active') => {
  const q = h.emu.dataset.queues.find((x) => x.queueType === type && x.state === state);
  if (!q) throw new Error(`no ${state} ${type} queue`);
  return q;
};

describe('GET /jobs filters', () => {
  it('defaults to 10 newest jobs of the tag, newest first', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/xml');
    expect(reply.headers.get('server')).toBe('tencent-ci');
    expect(reply.headers.get('x-ci-request-id')).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(jobsOf(reply).map((j) => j.JobId)).toEqual(expected('Transcode').slice(0, 10));
    expect(reply.text).toMatch(/^<Response><JobsDetail>/);
    expect(reply.text).toMatch(/<NextToken>[^<]+<\/NextToken><\/Response>$/);
  });

  it('narrows by one state and by several', async () => {
    const running = await h.listAll({ tag: 'Transcode', states: 'Running', size: '100' });
    expect(running).toEqual(expected('Transcode', (_, s) => s === 'Running'));
    expect(running.length).toBeGreaterThan(5);
    const several = await h.listAll({ tag: 'Transcode', states: 'Failed,Pause,Cancel', size: '100' });
    expect(several).toEqual(expected('Transcode', (_, s) => s === 'Failed' || s === 'Pause' || s === 'Cancel'));
    const all = await h.listAll({ tag: 'Snapshot', states: 'Success,All', size: '100' });
    expect(all).toEqual(expected('Snapshot'));
  });

  it('serves each job in its current state', async () => {
    const reply = await h.get('/jobs', { tag: 'SpeechRecognition', states: 'Submitted,Running', size: '100' });
    for (const job of jobsOf(reply)) {
      expect(['Submitted', 'Running']).toContain(job.State);
      // Not reached yet: `-` or empty, as CI's examples show both.
      if (job.State === 'Submitted') expect(['-', '']).toContain(job.StartTime);
      expect(['-', '']).toContain(job.EndTime);
    }
  });

  it('narrows by queueId, by queueType, and queueId wins over queueType', async () => {
    const speed = queueOf('SpeedTranscoding');
    const byType = await h.listAll({ tag: 'Transcode', queueType: 'SpeedTranscoding', size: '100' });
    expect(byType).toEqual(expected('Transcode', (j) => j.queueId === speed.queueId));
    expect(byType.length).toBeGreaterThan(50);
    const active = queueOf('Transcoding');
    const byId = await h.listAll({ tag: 'Transcode', queueId: active.queueId, size: '100' });
    expect(byId).toEqual(expected('Transcode', (j) => j.queueId === active.queueId));
    const both = await h.listAll({
      tag: 'Transcode',
      queueId: active.queueId,
      queueType: 'SpeedTranscoding',
      size: '100',
    });
    expect(both).toEqual(byId);
    const mediaType = await h.listAll({ tag: 'Transcode', queueType: 'Transcoding', size: '100' });
    const paused = queueOf('Transcoding', 'Paused');
    expect(mediaType).toEqual(
      expected('Transcode', (j) => j.queueId === active.queueId || j.queueId === paused.queueId),
    );
    expect(await h.listAll({ tag: 'Transcode', queueId: 'p00000000000000000000000000000000' })).toEqual([]);
  });

  it('narrows by workflowId and inventoryTriggerJobId', async () => {
    const wf = h.emu.dataset.workflows[0];
    const batch = h.emu.dataset.batchJobs[0];
    if (!wf || !batch) throw new Error('data set lacks workflows or batches');
    const byWorkflow = await h.listAll({ tag: 'Transcode', workflowId: wf.workflowId, size: '100' });
    expect(byWorkflow).toEqual(expected('Transcode', (j) => j.workflow?.workflowId === wf.workflowId));
    expect(byWorkflow.length).toBeGreaterThan(10);
    const page = await h.get('/jobs', { tag: 'Transcode', workflowId: wf.workflowId, size: '3' });
    for (const job of jobsOf(page)) {
      expect(job.Workflow.WorkflowId).toBe(wf.workflowId);
      expect(job.Workflow.RunId).toMatch(/^i[0-9a-f]{32}$/);
      expect(job.Workflow.WorkflowName).toBe(wf.name);
    }
    const byBatch = await h.listAll({ tag: batch.tag, inventoryTriggerJobId: batch.jobId, size: '100' });
    expect(byBatch).toEqual(expected(batch.tag, (j) => j.inventoryTriggerJobId === batch.jobId));
    expect(byBatch.length).toBeGreaterThan(10);
  });

  it('matches inputObject exactly, including keys with spaces, + and Chinese', async () => {
    const tricky = h.emu.dataset.jobs.find(
      (j) =>
        j.tag === 'Transcode' &&
        viewAt(j, BASE) &&
        /[ +]/.test(j.input.object ?? '') &&
        /[\u4e00-\u9fff]/.test(j.input.object ?? ''),
    );
    const key = tricky?.input.object;
    if (!key) throw new Error('no tricky key in the data set');
    const ids = await h.listAll({ tag: 'Transcode', inputObject: key, size: '100' });
    expect(ids).toEqual(expected('Transcode', (j) => j.input.object === key));
    expect(ids).toContain(tricky.jobId);
    const reply = await h.get('/jobs', { tag: 'Transcode', inputObject: key });
    for (const job of jobsOf(reply)) expect(job.Input.Object).toBe(key);
    expect(await h.listAll({ tag: 'Transcode', inputObject: key.slice(0, -1) })).toEqual(
      expected('Transcode', (j) => j.input.object === key.slice(0, -1)),
    );
  });

  it('narrows by creation-time range (inclusive, any offset)', async () => {
    const start = BASE - 5 * 86_400_000;
    const end = BASE - 3 * 86_400_000;
    const ids = await h.listAll({
      tag: 'Snapshot',
      startCreationTime: formatCiTime(start),
      endCreationTime: formatCiTime(end, -300),
      size: '100',
    });
    expect(ids).toEqual(expected('Snapshot', (j) => j.creationMs >= start && j.creationMs <= end));
    expect(ids.length).toBeGreaterThan(20);
    const reply = await h.get('/jobs', {
      tag: 'Snapshot',
      startCreationTime: formatCiTime(start),
      endCreationTime: formatCiTime(end),
    });
    for (const job of jobsOf(reply)) expect(job.CreationTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0800$/);
  });

  it('orders by creation time, Desc by default and Asc on request', async () => {
    const desc = await h.get('/jobs', { tag: 'Transcode', size: '100' });
    const asc = await h.get('/jobs', { tag: 'Transcode', size: '100', orderByTime: 'Asc' });
    const times = (r: typeof desc) => jobsOf(r).map((j) => String(j.CreationTime));
    expect(times(desc)).toEqual([...times(desc)].sort().reverse());
    expect(times(asc)).toEqual([...times(asc)].sort());
    expect(jobsOf(asc)[0]?.JobId).toBe(expected('Transcode').at(-1));
    const allAsc = await h.listAll({ tag: 'Tts', orderByTime: 'Asc', size: '7' });
    expect(allAsc).toEqual(expected('Tts').reverse());
  });

  it('hides jobs whose creation time has not come yet, and shows them once it has', async () => {
    const future = h.emu.dataset.jobs.find((j) => j.creationMs > BASE && j.tag === 'Transcode');
    if (!future) throw new Error('no future job');
    expect(await h.listAll({ tag: 'Transcode', size: '100' })).not.toContain(future.jobId);
    h.clock.now = future.creationMs;
    try {
      const first = await h.get('/jobs', { tag: 'Transcode', size: '5' });
      expect(jobsOf(first).map((j) => j.JobId)).toContain(future.jobId);
    } finally {
      h.clock.now = BASE;
    }
  });
});

describe('GET /jobs paging', () => {
  it.each([1, 7, 100])('visits every matching job exactly once with size=%i', async (size) => {
    const params: Record<string, string> =
      size === 1
        ? { tag: 'Transcode', queueType: 'SpeedTranscoding', states: 'Success' }
        : { tag: size === 7 ? 'Segment' : 'Transcode' };
    const want = expected(params.tag as Tag, (j, s) => {
      if (params.queueType) return j.queueId === queueOf('SpeedTranscoding').queueId && s === 'Success';
      return true;
    });
    if (size === 1) expect(want.length).toBeGreaterThan(100);
    const ids = await h.listAll({ ...params, size: String(size) });
    expect(ids).toEqual(want);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('ends a full last page with an empty NextToken (look-ahead)', async () => {
    const total = expected('Tts').length;
    const reply = await h.get('/jobs', { tag: 'Tts', size: String(Math.min(total, 100)) });
    expect(jobsOf(reply)).toHaveLength(total);
    expect(reply.text).toContain('<NextToken></NextToken>');
  });

  it('keeps paging stable while new jobs appear', async () => {
    const first = await h.get('/jobs', { tag: 'Transcode', size: '50' });
    const token = String(first.xml.Response.NextToken);
    const before = expected('Transcode');
    h.clock.now = BASE + 6 * 3600_000; // dozens of trickle jobs appear at the head
    try {
      const rest = await h.listAll({ tag: 'Transcode', size: '100', nextToken: token });
      const seen = [...jobsOf(first).map((j) => String(j.JobId)), ...rest];
      expect(seen).toEqual(before);
    } finally {
      h.clock.now = BASE;
    }
  });

  it('refuses a NextToken issued for other filters, and garbage tokens', async () => {
    const first = await h.get('/jobs', { tag: 'Transcode', size: '5' });
    const token = String(first.xml.Response.NextToken);
    const other = await h.get('/jobs', { tag: 'Transcode', size: '5', states: 'Success', nextToken: token });
    expect(other.status).toBe(400);
    expect(other.xml.Error.Code).toBe('InvalidArgument');
    expect(other.xml.Error.Message).toContain('nextToken');
    const resized = await h.get('/jobs', { tag: 'Transcode', size: '9', nextToken: token });
    expect(resized.status).toBe(200);
    const garbage = await h.get('/jobs', { tag: 'Transcode', nextToken: 'not-a-token' });
    expect(garbage.status).toBe(400);
    expect(garbage.xml.Error.Message).toContain('nextToken');
  });
});
