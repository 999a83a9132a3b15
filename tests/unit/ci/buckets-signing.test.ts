/**
 * Several buckets on one emulator, over real HTTP: each client signs for its own bucket's host
 * with its own key pair, the emulator tells the buckets apart by the Host header as CI does, and a
 * request signed for one bucket does not open another.
 */
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { DEMO_CREDENTIALS, DEMO_CREDENTIALS_2, startEmulator } from '@/emulator';
import { parseListJobsQuery } from '@/lib/ci/params';
import { CiClient } from '@/server/ci/client';
import { emulatorConfig, readCiConfigs, readCiTiming } from '@/server/ci/config';
import { CiError } from '@/server/ci/errors';
import { sign } from '@/server/ci/sign';

const A = {
  bucket: 'demo-1250000000',
  region: 'ap-guangzhou',
  seed: 1,
  jobCount: 300,
  credentials: [DEMO_CREDENTIALS],
};
const B = {
  bucket: 'media-1250000001',
  region: 'ap-shanghai',
  seed: 2,
  jobCount: 300,
  credentials: [DEMO_CREDENTIALS_2],
};
const emulator = await startEmulator({ port: 0, buckets: [A, B] });
afterAll(() => emulator.close());
beforeEach(() => emulator.clearRequests());

function client(target: typeof A, key = target.credentials[0]!) {
  const config = emulatorConfig(
    { url: emulator.url, ...key, bucket: target.bucket, region: target.region, routed: true },
    readCiTiming({ CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0' }),
  );
  return new CiClient(config);
}
const params = (q: string) => {
  const r = parseListJobsQuery(new URLSearchParams(q));
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('one client per bucket', () => {
  it('addresses each bucket by its CI host and gets that bucket’s jobs', async () => {
    const [a, b] = await Promise.all([
      client(A).listJobs(params('tag=Transcode&size=20')),
      client(B).listJobs(params('tag=Transcode&size=20')),
    ]);
    expect(a.jobs.length).toBeGreaterThan(0);
    expect(b.jobs.length).toBeGreaterThan(0);
    const idsOfA = new Set(a.jobs.map((j) => j.jobId));
    expect(b.jobs.some((j) => idsOfA.has(j.jobId))).toBe(false);
    // The emulator's oracle: each answer holds the jobs of the bucket addressed.
    const ofB = new Set(emulator.buckets[1]!.dataset.jobs.map((j) => j.jobId));
    expect(b.jobs.every((j) => ofB.has(j.jobId))).toBe(true);

    const log = emulator.requests();
    expect(log.map((r) => [r.host, r.bucket, r.status]).sort()).toEqual([
      ['demo-1250000000.ci.ap-guangzhou.myqcloud.com', 'demo-1250000000', 200],
      ['media-1250000001.ci.ap-shanghai.myqcloud.com', 'media-1250000001', 200],
    ]);
  });

  it('a job of one bucket is not found in the other', async () => {
    const { jobs } = await client(B).listJobs(params('tag=Transcode&size=1'));
    const id = jobs[0]!.jobId;
    expect((await client(B).getJob(id))?.job.jobId).toBe(id);
    expect(await client(A).getJob(id)).toBeNull();
  });

  it('refuses a bucket signed with another bucket’s key pair', async () => {
    const wrong = client(B, DEMO_CREDENTIALS);
    await expect(wrong.listJobs(params('tag=Transcode'))).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
      status: 403,
    });
  });

  it('refuses a request signed for one bucket’s host but sent to another’s', async () => {
    // Signed with B's own key, but for A's host: the emulator checks against the Host that arrived.
    const now = Math.floor(Date.now() / 1000);
    const auth = sign({
      method: 'GET',
      path: '/queue',
      query: [],
      headers: { host: 'demo-1250000000.ci.ap-guangzhou.myqcloud.com' },
      ...DEMO_CREDENTIALS_2,
      startTime: now - 1,
      endTime: now + 600,
    });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      void import('node:http').then(({ request }) => {
        const u = new URL(emulator.url);
        const req = request(
          {
            hostname: u.hostname,
            port: u.port,
            path: '/queue',
            headers: { host: 'media-1250000001.ci.ap-shanghai.myqcloud.com', authorization: auth.authorization },
          },
          (r) => {
            let body = '';
            r.on('data', (c: Buffer) => (body += c.toString()));
            r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end();
      });
    });
    expect(res.status).toBe(403);
    expect(res.body).toContain('SignatureDoesNotMatch');
  });

  it('answers NoSuchBucket for a bucket host it does not serve', async () => {
    const stranger = client({ ...A, bucket: 'other-1250000009' });
    const error = await stranger.listQueues().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CiError);
    expect(error).toMatchObject({ code: 'NoSuchBucket', status: 404 });
  });

  it('an address-style Host still means the first bucket (a client pointed straight at the emulator)', async () => {
    const direct = new CiClient(
      emulatorConfig(
        { url: emulator.url, ...DEMO_CREDENTIALS, bucket: A.bucket, region: A.region },
        readCiTiming({ CI_CACHE_TTL_MS: '0' }),
      ),
    );
    const page = await direct.listJobs(params('tag=Transcode&size=5'));
    const ofA = new Set(emulator.buckets[0]!.dataset.jobs.map((j) => j.jobId));
    expect(page.jobs.every((j) => ofA.has(j.jobId))).toBe(true);
    const direct_ = emulator.requests().filter((r) => r.host === new URL(emulator.url).host);
    expect(direct_.map((r) => r.bucket)).toEqual([A.bucket]);
  });

  it('CI_BUCKETS with key profiles and CI_ENDPOINT: each bucket signed with its own pair, for its own host', async () => {
    const configs = readCiConfigs({
      CI_BUCKETS: `${A.bucket}@${A.region},${B.bucket}@${B.region}=SH`,
      CI_SECRET_ID: DEMO_CREDENTIALS.secretId,
      CI_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
      CI_SECRET_ID_SH: DEMO_CREDENTIALS_2.secretId,
      CI_SECRET_KEY_SH: DEMO_CREDENTIALS_2.secretKey,
      CI_ENDPOINT: emulator.url,
      CI_CACHE_TTL_MS: '0',
    });
    const [a, b] = configs!.map((c) => new CiClient(c));
    const [qa, qb] = await Promise.all([a!.listQueues(), b!.listQueues()]);
    expect(qa.length).toBeGreaterThan(0);
    expect(qb.length).toBeGreaterThan(0);
    const log = emulator.requests();
    expect(new Set(log.map((r) => `${r.host} ${r.bucket} ${r.status}`))).toEqual(
      new Set([
        `${A.bucket}.ci.${A.region}.myqcloud.com ${A.bucket} 200`,
        `${B.bucket}.ci.${B.region}.myqcloud.com ${B.bucket} 200`,
      ]),
    );
    // Swap the profiles: each bucket now refuses the other's key pair.
    const swapped = readCiConfigs({
      CI_BUCKETS: `${B.bucket}@${B.region}`,
      CI_SECRET_ID: DEMO_CREDENTIALS.secretId,
      CI_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
      CI_ENDPOINT: emulator.url,
      CI_MAX_RETRIES: '0',
    });
    await expect(new CiClient(swapped![0]!).listJobs(params('tag=Transcode'))).rejects.toMatchObject({
      code: 'InvalidAccessKeyId',
    });
  });

  it('a timeout through the routed transport is a timeout, not a network error', async () => {
    emulator.setFaults({ latencyMs: 1500 });
    try {
      const config = emulatorConfig(
        { url: emulator.url, ...DEMO_CREDENTIALS_2, bucket: B.bucket, region: B.region, routed: true },
        readCiTiming({ CI_CACHE_TTL_MS: '0', CI_TIMEOUT_MS: '200', CI_MAX_RETRIES: '0' }),
      );
      await expect(new CiClient(config).listQueues()).rejects.toMatchObject({ kind: 'timeout' });
    } finally {
      emulator.clearFaults();
    }
  });
});
