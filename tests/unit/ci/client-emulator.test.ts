/**
 * The dashboard's own client against the emulator, over real HTTP: the path every page takes.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { DEMO_CREDENTIALS, startEmulator, viewAt } from '@/emulator';
import { parseListJobsQuery } from '@/lib/ci/params';
import { CiClient, SYNC_USER_AGENT, USER_AGENT } from '@/server/ci/client';
import { CiError } from '@/server/ci/errors';

import { emulatorCiConfig } from '../../support/emulator-client';

// A frozen emulator clock keeps job states still while the oracle and the paging compare them.
const frozenNow = Date.now();
const emulator = await startEmulator({ port: 0, now: () => frozenNow });
afterAll(() => emulator.close());

function client(secretKey = DEMO_CREDENTIALS.secretKey, now?: () => number) {
  const config = emulatorCiConfig(emulator, { CI_CACHE_TTL_MS: '0' }, secretKey);
  return new CiClient(config, { retryBaseMs: 5, now });
}

const params = (q: string) => {
  const r = parseListJobsQuery(new URLSearchParams(q));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

async function pageThrough(c: CiClient, query: string) {
  const ids: string[] = [];
  let token: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await c.listJobs(params(token ? `${query}&nextToken=${encodeURIComponent(token)}` : query));
    ids.push(...page.jobs.map((j) => j.jobId));
    if (!page.nextToken) return ids;
    expect(page.nextToken).not.toBe(token);
    token = page.nextToken;
  }
  throw new Error('paging did not end');
}

describe('CiClient ↔ emulator', () => {
  const expectedIds = (tag: string, states?: string[]) =>
    emulator.dataset.jobs
      .filter((j) => {
        const v = viewAt(j, frozenNow);
        return j.tag === tag && v !== null && (!states || states.includes(v.state));
      })
      .map((j) => j.jobId)
      .sort();

  it("names who calls in the User-Agent: a page's calls, or the index sync's", async () => {
    const config = emulatorCiConfig(emulator, { CI_CACHE_TTL_MS: '0' });
    const agents = async (c: CiClient) => {
      const from = emulator.requests().at(-1)?.seq ?? 0;
      await c.listJobs(params('tag=Transcode&size=1'));
      return [
        ...new Set(
          emulator
            .requests()
            .filter((r) => r.seq > from)
            .map((r) => r.userAgent),
        ),
      ];
    };
    expect(await agents(new CiClient(config))).toEqual([USER_AGENT]);
    expect(await agents(new CiClient(config, { userAgent: SYNC_USER_AGENT }))).toEqual([SYNC_USER_AGENT]);
    expect(SYNC_USER_AGENT).not.toBe(USER_AGENT);
  });

  it.each([1, 7, 100])('pages by NextToken with size %i, visiting every matching job exactly once', async (size) => {
    const query =
      size === 1 ? 'tag=SpeechRecognition&states=Success,Failed' : 'tag=Snapshot&states=Success,Failed,Cancel,Pause';
    const states = size === 1 ? ['Success', 'Failed'] : ['Success', 'Failed', 'Cancel', 'Pause'];
    const ids = await pageThrough(client(), `${query}&size=${size}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expectedIds(size === 1 ? 'SpeechRecognition' : 'Snapshot', states));
    expect(ids.length).toBeGreaterThan(size === 1 ? 20 : 100);
  });

  it('maps emulator jobs into the model, Transcode with streams and MD5s', async () => {
    const list = await client().listJobs(params('tag=Transcode&states=Success&size=20'));
    expect(list.jobs).toHaveLength(20);
    expect(list.jobs.every((j) => j.output?.object)).toBe(true);
    const page = await client().getJobs(list.jobs.map((j) => j.jobId));
    expect(page.jobs.map((j) => j.jobId)).toEqual(list.jobs.map((j) => j.jobId));
    for (const job of page.jobs) {
      expect(job).toMatchObject({ tag: 'Transcode', state: 'Success', progress: 100 });
      expect(job.creationTime).toMatch(/\+08:00$/);
      expect(job.endTime).not.toBeNull();
    }
    const withInfo = page.jobs.find((j) => j.operation?.mediaInfo);
    expect(withInfo?.operation?.mediaInfo?.video.length).toBeGreaterThan(0);
    expect(withInfo?.operation?.mediaInfo?.audio.length).toBeGreaterThan(0);
    expect(page.jobs.some((j) => j.operation?.mediaResult?.outputFiles[0]?.md5[0]?.md5.match(/^[0-9a-f]{32}$/))).toBe(
      true,
    );
  });

  it("reads a speech job's text and a failed job's code", async () => {
    const speechList = await client().listJobs(params('tag=SpeechRecognition&states=Success&size=5'));
    const speech = await client().getJobs(speechList.jobs.map((j) => j.jobId));
    const detail = speech.jobs[0]?.operation?.detail;
    expect(detail?.kind).toBe('speech');
    if (detail?.kind === 'speech') expect(detail.speech?.text.join(' ').length).toBeGreaterThan(5);
    const failed = await client().listJobs(params('tag=Transcode&states=Failed&size=5'));
    expect(failed.jobs[0]?.code).not.toBe('Success');
    expect(failed.jobs[0]?.message).toBeTruthy();
  });

  it('gets one job by ID and reports an unknown one as absent', async () => {
    const [first] = (await client().listJobs(params('tag=Segment&size=1'))).jobs;
    const found = await client().getJob(first!.jobId);
    expect(found?.job.jobId).toBe(first!.jobId);
    expect(found?.xml).toContain(first!.jobId);
    expect(await client().getJob('j00000000000000000000000000000000')).toBeNull();
  });

  it('lists queues of several types', async () => {
    const queues = await client().listQueues();
    expect(new Set(queues.map((q) => q.queueType)).size).toBeGreaterThanOrEqual(4);
    expect(queues.length).toBeGreaterThanOrEqual(4);
  });

  it('gets 403 SignatureDoesNotMatch with a wrong SecretKey, not retried', async () => {
    const error = await client('wrong-secret-key-000000')
      .listJobs(params('tag=Transcode'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CiError);
    expect(error).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect((error as CiError).requestId).toBeTruthy();
  });

  it('is refused with RequestTimeTooSkewed when its clock is an hour ahead', async () => {
    const skewed = client(undefined, () => Date.now() + 3_600_000);
    await expect(skewed.listJobs(params('tag=Transcode'))).rejects.toMatchObject({
      code: 'RequestTimeTooSkewed',
      status: 403,
    });
  });

  it("gets 400 InvalidArgument naming nextToken for a token that is not the emulator's", async () => {
    const error = await client()
      .listJobs(params('tag=Transcode&nextToken=bogus'))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'InvalidArgument', status: 400 });
    expect((error as CiError).message).toContain('nextToken');
  });
});
