/**
 * Each upstream fault, injected by the emulator: the route answers a mapped status with CI's Code
 * or a clear description, retries only what is safe and only twice, and keeps serving afterwards.
 */
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

import type { FaultSettings } from '@/emulator';

import { startRouteHarness } from '../../support/route-harness';

const h = await startRouteHarness({ CI_TIMEOUT_MS: '400' });
afterAll(() => h.emulator.close());
afterEach(() => h.emulator.clearFaults());

const cases: [string, FaultSettings, number, string, number][] = [
  // name, faults, route status, error code, upstream calls (1 = not retried, 3 = retried twice)
  ['timeout', { latencyMs: 1500 }, 504, 'RequestTimeout', 1],
  ['500', { errorRate: 1, errorStatus: 500, errorCode: 'InternalError' }, 502, 'InternalError', 3],
  ['503', { errorRate: 1, errorStatus: 503, errorCode: 'ServiceUnavailable' }, 502, 'ServiceUnavailable', 3],
  ['malformed XML', { malformedRate: 1 }, 502, 'MalformedResponse', 1],
  ['truncated body (cut)', { truncateRate: 1, truncateMode: 'cut' }, 502, 'MalformedResponse', 1],
  ['truncated body (short of Content-Length)', { truncateRate: 1, truncateMode: 'length' }, 502, 'NetworkError', 3],
  [
    '403 SignatureDoesNotMatch',
    { errorRate: 1, errorStatus: 403, errorCode: 'SignatureDoesNotMatch' },
    502,
    'SignatureDoesNotMatch',
    1,
  ],
  [
    '403 RequestTimeTooSkewed',
    { errorRate: 1, errorStatus: 403, errorCode: 'RequestTimeTooSkewed' },
    502,
    'RequestTimeTooSkewed',
    1,
  ],
  ['connection reset', { dropRate: 1 }, 502, 'NetworkError', 3],
];

describe('upstream faults through /api/jobs', () => {
  it.each(cases)('%s → %s %s after %s upstream call(s), then recovers', async (_name, faults, status, code, calls) => {
    h.emulator.clearRequests();
    h.emulator.setFaults(faults);
    const r = await h.listJobs('tag=Transcode&size=5');
    expect(r.status).toBe(status);
    expect(r.body.error?.code).toBe(code);
    expect(r.body.error?.message.length).toBeGreaterThan(10);
    if (status === 502 && code !== 'MalformedResponse' && code !== 'NetworkError')
      expect(r.body.error?.requestId).toBeTruthy();
    // The emulator logs a request when it has answered it; a timed-out one is answered later.
    await vi.waitFor(() => expect(h.emulator.requests().filter((x) => x.path === '/jobs')).toHaveLength(calls), {
      timeout: 3000,
    });

    h.emulator.clearFaults();
    const ok = await h.listJobs('tag=Transcode&size=5');
    expect(ok.status).toBe(200);
    expect((ok.body.jobs as unknown[]).length).toBe(5);
  });

  it('maps an unknown job to 404 even through the fault-free path, and a fault on it to 502', async () => {
    expect((await h.getJob('j00000000000000000000000000000000')).status).toBe(404);
    h.emulator.setFaults({ errorRate: 1, errorStatus: 503 });
    expect((await h.getJob('j00000000000000000000000000000000')).status).toBe(502);
  });
});
