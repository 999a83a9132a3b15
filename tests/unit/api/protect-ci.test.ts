/**
 * Many operators watching one view cost about one CI call per refresh window: identical requests
 * in flight share one upstream call and the answer is kept for the TTL.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { startRouteHarness } from '../../support/route-harness';

const h = await startRouteHarness({ CI_CACHE_TTL_MS: '1000' });
afterAll(() => h.emulator.close());

const upstreamCalls = () => h.emulator.requests().filter((r) => r.path === '/jobs').length;

describe('protecting CI from the dashboard', () => {
  it('sends 100 concurrent identical requests to CI once, and again only after the TTL', async () => {
    h.emulator.setFaults({ latencyMs: 100 }); // keep the first call in flight while the others arrive
    h.emulator.clearRequests();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => h.listJobs('tag=Transcode&states=Running&size=50')),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(upstreamCalls()).toBe(1);

    await h.listJobs('tag=Transcode&states=Running&size=50');
    expect(upstreamCalls()).toBe(1); // within the TTL
    await h.listJobs('tag=Transcode&states=Running&size=20');
    expect(upstreamCalls()).toBe(2); // another view is another call

    await new Promise((r) => setTimeout(r, 1100));
    await h.listJobs('tag=Transcode&states=Running&size=50');
    expect(upstreamCalls()).toBe(3);
  });
});
