import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { viewAt } from '@/emulator';
import { TAGS } from '@/lib/ci/tags';

import { BASE, startHarness, type Harness } from './harness';
import { asArray, jobsOf, type Loose } from './signed-fetch';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.emu.close());

const visibleJob = (state: string, tag?: string) => {
  const job = h.emu.dataset.jobs.find((j) => (!tag || j.tag === tag) && viewAt(j, h.clock.now)?.state === state);
  if (!job) throw new Error(`no ${state} job`);
  return job;
};

describe('GET /jobs/<id>', () => {
  it('returns one job in a JobsDetail, without NonExistJobIds', async () => {
    const job = visibleJob('Success', 'Transcode');
    const reply = await h.get(`/jobs/${job.jobId}`);
    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain('NonExistJobIds');
    const [detail] = jobsOf(reply);
    expect(detail.JobId).toBe(job.jobId);
    expect(detail.Code).toBe('Success');
    expect(detail.Message).toBe('Success');
    expect(detail.Progress).toBe('100');
    expect(detail.Operation.MediaResult.OutputFile.Md5Info).toBeDefined();
  });

  it('returns a batch, listing unknown ids under NonExistJobIds', async () => {
    const a = visibleJob('Running');
    const b = visibleJob('Failed');
    const reply = await h.get(`/jobs/${a.jobId},${b.jobId},jnope`);
    expect(reply.status).toBe(200);
    expect(jobsOf(reply).map((j) => j.JobId)).toEqual([a.jobId, b.jobId]);
    expect(asArray(reply.xml.Response.NonExistJobIds)).toEqual(['jnope']);
    expect(reply.text).toMatch(/<\/JobsDetail><NonExistJobIds>jnope<\/NonExistJobIds><\/Response>$/);
  });

  it('answers 200 with only NonExistJobIds (no JobsDetail) when no id exists, as CI describes (future jobs do not exist yet)', async () => {
    const reply = await h.get('/jobs/j0000000000000000000000000000dead');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('<Response><NonExistJobIds>j0000000000000000000000000000dead</NonExistJobIds></Response>');
    const future = h.emu.dataset.jobs.find((j) => j.creationMs > BASE);
    const again = await h.get(`/jobs/${future?.jobId}`);
    expect(again.status).toBe(200);
    expect(jobsOf(again)).toEqual([]);
    expect(asArray(again.xml.Response.NonExistJobIds)).toEqual([future?.jobId]);
  });

  it('refuses more than 10 ids in one call with a CI-style 400 naming the limit', async () => {
    const ids = h.emu.dataset.jobs.slice(0, 11).map((j) => j.jobId);
    const reply = await h.get(`/jobs/${ids.join(',')}`);
    expect(reply.status).toBe(400);
    expect(reply.xml.Error.Code).toBe('InvalidArgument');
    expect(reply.xml.Error.Message).toContain('10');
    expect(reply.xml.Error.Resource).toContain(`/jobs/${ids[0]}`);
    expect(reply.xml.Error.TraceId).toBeTruthy();
    expect((await h.get(`/jobs/${ids.slice(0, 10).join(',')}`)).status).toBe(200);
  });

  it('shows failed jobs with a CI failure code and message', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode', states: 'Failed', size: '50' });
    for (const job of jobsOf(reply)) {
      expect(job.Code).not.toBe('Success');
      expect(String(job.Message).length).toBeGreaterThan(5);
      expect(job.EndTime).not.toBe('-');
    }
  });

  it('moves a Running job forward with the clock until it ends with EndTime and results', async () => {
    const job = h.emu.dataset.jobs.find(
      (j) =>
        j.tag === 'Transcode' &&
        j.outcome === 'Success' &&
        viewAt(j, BASE)?.state === 'Running' &&
        (j.endMs ?? 0) - BASE < 20 * 60_000,
    );
    if (!job || job.endMs === null) throw new Error('no short running job');
    const read = async () => jobsOf(await h.get(`/jobs/${job.jobId}`))[0];
    try {
      const first = await read();
      expect(first.State).toBe('Running');
      expect(first.EndTime).toBe('-');
      expect(first.Operation.MediaInfo).toBeUndefined();
      h.clock.now = BASE + (job.endMs - BASE) / 2;
      const second = await read();
      expect(Number(second.Progress)).toBeGreaterThan(Number(first.Progress));
      h.clock.now = job.endMs;
      const done = await read();
      expect(done.State).toBe('Success');
      expect(done.Progress).toBe('100');
      expect(done.EndTime).toMatch(/\+0800$/);
      expect(done.Operation.MediaInfo.Format).toBeDefined();
    } finally {
      h.clock.now = BASE;
    }
  });

  it('serves well-formed, content-rich XML for every tag (all states)', async () => {
    const resultElement: Record<string, string> = {
      SpeechRecognition: 'SpeechRecognitionResult',
      QualityEstimate: 'QualityEstimate',
      VideoTag: 'VideoTagResult',
      WordsGeneralize: 'WordsGeneralizeResult',
      VideoTargetRec: 'VideoTargetRecResult',
      SplitVideoParts: 'SplitVideoInfoResult',
      PicProcess: 'PicProcessResult',
      MediaInfo: 'MediaInfo',
      Snapshot: 'MediaResult',
      Segment: 'MediaResult',
      ExtractDigitalWatermark: 'ExtractDigitalWatermark',
      Translation: 'Translation',
      Tts: 'TtsConfig',
    };
    for (const { code } of TAGS) {
      const reply = await h.get('/jobs', { tag: code, size: '100' });
      expect(XMLValidator.validate(reply.text)).toBe(true);
      const success = await h.get('/jobs', { tag: code, states: 'Success', size: '3' });
      expect(XMLValidator.validate(success.text)).toBe(true);
      const [job] = jobsOf(success);
      expect(job?.Tag).toBe(code);
      expect(job.Operation[resultElement[code] ?? 'MediaResult']).toBeDefined();
    }
  });

  it('gives transcodes full MediaInfo: one video, one or two audio, subtitle empty or present', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode', states: 'Success', size: '100' });
    const jobs = jobsOf(reply);
    expect(jobs).toHaveLength(100);
    let emptySubtitles = 0;
    for (const job of jobs) {
      const stream = job.Operation.MediaInfo.Stream;
      expect(asArray(stream.Video)).toHaveLength(1);
      expect(asArray(stream.Audio).length).toBeGreaterThanOrEqual(1);
      if (stream.Subtitle === '') emptySubtitles++;
      for (const md5 of asArray<Loose>(job.Operation.MediaResult.OutputFile.Md5Info))
        expect(md5.Md5).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(emptySubtitles).toBeGreaterThan(10);
    expect(emptySubtitles).toBeLessThan(100);
    expect(reply.text).toContain('<Subtitle/>');
    expect(Buffer.byteLength(reply.text)).toBeGreaterThan(250_000);
  });
});

describe('queue endpoints', () => {
  it('GET /queue lists Transcoding queues by default, all media queues for CateAll', async () => {
    const def = await h.get('/queue');
    expect(def.status).toBe(200);
    const list = asArray<Loose>(def.xml.Response.QueueList);
    expect(list.map((q) => q.Category)).toEqual(['Transcoding', 'Transcoding']);
    expect(list.map((q) => q.State).sort()).toEqual(['Active', 'Paused']);
    expect(def.xml.Response.TotalCount).toBe('2');
    expect(def.xml.Response.RequestId).toBe(def.headers.get('x-ci-request-id'));
    const all = await h.get('/queue', { category: 'CateAll' });
    expect(asArray(all.xml.Response.QueueList)).toHaveLength(3);
    const speed = await h.get('/queue', { category: 'SpeedTranscoding' });
    expect(asArray<Loose>(speed.xml.Response.QueueList).map((q) => q.Category)).toEqual(['SpeedTranscoding']);
  });

  it('filters by queueIds and state, pages, and reports unknown ids', async () => {
    const active = h.emu.dataset.queues.find((q) => q.queueType === 'Transcoding' && q.state === 'Active');
    const reply = await h.get('/queue', { queueIds: `${active?.queueId},pmissing` });
    expect(asArray<Loose>(reply.xml.Response.QueueList).map((q) => q.QueueId)).toEqual([active?.queueId]);
    expect(asArray(reply.xml.Response.NonExistPIDs)).toEqual(['pmissing']);
    const paused = await h.get('/queue', { state: 'Paused' });
    expect(asArray<Loose>(paused.xml.Response.QueueList).map((q) => q.State)).toEqual(['Paused']);
    const page2 = await h.get('/queue', { category: 'CateAll', pageSize: '2', pageNumber: '2' });
    expect(asArray(page2.xml.Response.QueueList)).toHaveLength(1);
    expect(page2.xml.Response.TotalCount).toBe('3');
    const bad = await h.get('/queue', { state: 'Running' });
    expect(bad.status).toBe(400);
    expect(bad.xml.Error.Message).toContain('state');
  });

  it.each([
    ['/asrqueue', 'Speeching'],
    ['/picqueue', 'PicProcess'],
    ['/ai_queue', 'AIProcess'],
  ])('%s lists %s queues', async (path, type) => {
    const reply = await h.get(path);
    const list = asArray<Loose>(reply.xml.Response.QueueList);
    expect(list.length).toBeGreaterThanOrEqual(1);
    for (const q of list) {
      expect(q.Category).toBe(type);
      expect(q.QueueId).toMatch(/^p[0-9a-f]{32}$/);
      expect(q.NotifyConfig.Type).toBeDefined();
      expect(q.CreateTime).toMatch(/\+0800$/);
    }
  });
});
