import { XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { faultsFromEnv, NO_FAULTS } from '@/emulator';

import { startHarness, type Harness } from './harness';
import { signedUrl, type Loose } from './signed-fetch';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jobCount: 400 });
});
afterAll(() => h.emu.close());
afterEach(() => h.emu.clearFaults());

const control = (path: string, init?: RequestInit) => fetch(`${h.emu.url}/__emulator/${path}`, init);
const putFaults = async (body: unknown) => {
  const res = await control('faults', {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, json: await res.json() };
};
const list = (params: Record<string, string> = { tag: 'Transcode', size: '20' }) => h.get('/jobs', params);
/** Raw fetch of a signed list request, for faults that break the HTTP exchange itself. */
const rawList = () => {
  const { url, authorization } = signedUrl(h.emu.url, '/jobs', { tag: 'Transcode', size: '20' }, { now: h.clock.now });
  return fetch(url, { headers: { authorization } });
};

describe('fault control endpoint', () => {
  it('reads, replaces and clears the settings', async () => {
    expect(await (await control('faults')).json()).toEqual({ faults: NO_FAULTS });
    const set = await putFaults({ errorRate: 0.5, errorStatus: 500 });
    expect(set.status).toBe(200);
    expect(set.json.faults).toMatchObject({ errorRate: 0.5, errorStatus: 500, errorCode: 'InternalError' });
    const replaced = await putFaults({ latencyMs: 10 });
    expect(replaced.json.faults).toMatchObject({ latencyMs: 10, errorRate: 0 });
    expect((await control('faults', { method: 'DELETE' })).status).toBe(200);
    expect(h.emu.faults()).toEqual(NO_FAULTS);
  });

  it('refuses bad settings with 400 and a reason', async () => {
    for (const bad of [{ errorRate: 2 }, { latencyMs: -1 }, { errorRat: 1 }, { truncateMode: 'half' }, [1]]) {
      const res = await putFaults(bad);
      expect(res.status).toBe(400);
      expect(res.json.error.message).toBeTruthy();
    }
    const notJson = await control('faults', { method: 'PUT', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await control('faults', { method: 'POST' })).status).toBe(405);
    expect((await control('nothing')).status).toBe(404);
  });
});

describe('injected faults', () => {
  it('adds latency to CI routes only', async () => {
    // Which requests were delayed is read from the emulator's own counter, not from the clock:
    // only the lower bound of a delay is a fact on a busy machine.
    const delayed = async () =>
      ((await (await control('stats')).json()) as { faults: { injected: { delayed: number } } }).faults.injected
        .delayed;
    await putFaults({ latencyMs: 300 });
    const before = await delayed();
    const t = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(280);
    expect(await delayed()).toBe(before + 1); // the CI route was delayed; the stats calls were not
    h.emu.clearFaults();
    await list();
    expect(await delayed()).toBe(before + 1);
  });

  it('answers the chosen status and CI code, then recovers when cleared', async () => {
    await putFaults({ errorRate: 1, errorStatus: 503 });
    const unavailable = await list();
    expect(unavailable.status).toBe(503);
    expect(unavailable.xml.Error.Code).toBe('ServiceUnavailable');
    expect(unavailable.xml.Error.RequestId).toBe(unavailable.headers.get('x-ci-request-id'));
    await putFaults({ errorRate: 1, errorStatus: 403, errorCode: 'SignatureDoesNotMatch' });
    const denied = await list();
    expect(denied.status).toBe(403);
    expect(denied.xml.Error.Message).toBe('The Signature you specified is invalid.');
    await control('faults', { method: 'DELETE' });
    expect((await list()).status).toBe(200);
  });

  it('sends malformed XML (not well formed), in an unrepairable or a CI-quirk flavour', async () => {
    await putFaults({ malformedRate: 1 });
    const broken = await list();
    expect(broken.status).toBe(200);
    expect(XMLValidator.validate(broken.text)).not.toBe(true);
    await putFaults({ malformedRate: 1, malformedMode: 'quirk' });
    const quirk = await list();
    expect(quirk.text).toContain('<Code>Success</Code></Message>');
    expect(XMLValidator.validate(quirk.text)).not.toBe(true);
    h.emu.clearFaults();
    expect(XMLValidator.validate((await list()).text)).toBe(true);
  });

  it('truncates: cut mid-element with a matching Content-Length', async () => {
    const whole = (await list()).text;
    await putFaults({ truncateRate: 1, truncateMode: 'cut' });
    const res = await rawList();
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect(text.length).toBeLessThan(whole.length);
    expect(whole.startsWith(text)).toBe(true);
    expect(text).toMatch(/<[^>]*$/);
  });

  it('truncates: Content-Length promises more than is sent, then the connection closes', async () => {
    await putFaults({ truncateRate: 1, truncateMode: 'length' });
    const res = await rawList();
    expect(res.status).toBe(200);
    await expect(res.text()).rejects.toThrow();
    h.emu.clearFaults();
    expect((await list()).status).toBe(200);
  });

  it('drops connections without a response, but never the control endpoints', async () => {
    await putFaults({ dropRate: 1 });
    await expect(rawList()).rejects.toThrow();
    expect((await control('faults')).status).toBe(200);
    h.emu.clearFaults();
    expect((await list()).status).toBe(200);
  });

  it('limits faults to a path prefix and to a number of requests', async () => {
    await putFaults({ errorRate: 1, pathPrefix: '/queue' });
    expect((await list()).status).toBe(200);
    expect((await h.get('/queue')).status).toBe(503);
    await putFaults({ errorRate: 1, limit: 2 });
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(200);
    expect(h.emu.faults().errorRate).toBe(0);
  });

  it('takes faults from the start options and the environment', async () => {
    const env = faultsFromEnv({
      EMULATOR_LATENCY_MS: '25',
      EMULATOR_ERROR_RATE: '0.1',
      EMULATOR_ERROR_STATUS: '500',
      EMULATOR_DROP_RATE: '0',
    });
    expect(env).toEqual({ latencyMs: 25, errorRate: 0.1, errorStatus: 500, dropRate: 0 });
    expect(faultsFromEnv({})).toBeUndefined();
    expect(() => faultsFromEnv({ EMULATOR_ERROR_RATE: 'lots' })).toThrow(/EMULATOR_ERROR_RATE/);
    expect(() => faultsFromEnv({ EMULATOR_TRUNCATE_RATE: '3' })).toThrow(/EMULATOR_TRUNCATE_RATE/);
    const other = await startHarness({ jobCount: 50, faults: { errorRate: 1, errorStatus: 500 } });
    try {
      expect((await other.get('/jobs', { tag: 'Transcode' })).status).toBe(500);
    } finally {
      await other.emu.close();
    }
  });
});

describe('request log and stats', () => {
  it('records CI requests (method, path, query pairs, status, time) and clears on DELETE', async () => {
    await control('requests', { method: 'DELETE' });
    await h.get('/jobs', { tag: 'Snapshot', states: 'Running,Failed' });
    await h.get('/jobs/jmissing');
    const { requests } = (await (await control('requests')).json()) as { requests: Loose[] };
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: '/jobs',
      status: 200,
      query: [
        ['tag', 'Snapshot'],
        ['states', 'Running,Failed'],
      ],
    });
    expect(requests[1]).toMatchObject({ path: '/jobs/jmissing', status: 200 });
    expect(Date.parse(requests[0].time)).toBe(h.clock.now);
    expect((await (await control('requests', { method: 'DELETE' })).json()).cleared).toBe(2);
    expect(h.emu.requests()).toHaveLength(0);
  });

  it('keeps only the newest entries when the ring buffer is full', async () => {
    const small = await startHarness({ jobCount: 50, logCapacity: 3 });
    try {
      for (const size of ['1', '2', '3', '4', '5']) await small.get('/jobs', { tag: 'Transcode', size });
      expect(small.emu.requests().map((r) => r.query.find(([k]) => k === 'size')?.[1])).toEqual(['3', '4', '5']);
    } finally {
      await small.emu.close();
    }
  });

  it('counts requests and injected faults', async () => {
    await putFaults({ errorRate: 1, limit: 1 });
    await list();
    const stats = await (await control('stats')).json();
    expect(stats.requests.total).toBeGreaterThan(0);
    expect(stats.requests.byStatus['503']).toBeGreaterThanOrEqual(1);
    expect(stats.faults.injected.errors).toBeGreaterThanOrEqual(1);
    expect(stats.dataset.jobs).toBe(400);
    expect(stats.dataset.byState.Running).toBeGreaterThan(0);
  });
});
