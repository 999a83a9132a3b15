/**
 * Many operators watching one view cost about one CI call per refresh window: identical requests
 * in flight share one upstream call and the answer is kept for the TTL.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import { startRouteHarness } from '../../support/route-harness';

const h = await startRouteHarness({ CI_CACHE_TTL_MS: '1000' });
afterAll(() => h.emulator.close());
// The TTL is read from the clock: the test moves the clock instead of sleeping through the TTL.
afterEach(() => vi.useRealTimers());

const upstreamCalls = () => h.emulator.requests().filter((r) => r.path === '/jobs').length;

describe('protecting CI from the dashboard', () => {
  it('sends 100 concurrent identical requests to CI once, and again only after the TTL', async () => {
    // The clock stands still unless the test moves it: a slow machine cannot outlive the TTL.
    const start = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now: start });
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

    vi.setSystemTime(start + 999);
    await h.listJobs('tag=Transcode&states=Running&size=50');
    expect(upstreamCalls()).toBe(2); // 999 ms later: still within the TTL
    vi.setSystemTime(start + 1001);
    await h.listJobs('tag=Transcode&states=Running&size=50');
    expect(upstreamCalls()).toBe(3);
  });
});
