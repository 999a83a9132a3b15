import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEMO_CREDENTIALS } from '@/emulator';
import { sign } from '@/server/ci/sign';

import { BASE, startHarness, type Harness } from './harness';
import { signedGet, type Loose } from './signed-fetch';

const SECOND_PAIR = { secretId: 'AKIDsecondTestPair000000000000000', secretKey: 'SecondPairSecretKeyForTests0000000' };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ credentials: [DEMO_CREDENTIALS, SECOND_PAIR], jobCount: 300 });
});
afterAll(() => h.emu.close());

const params = { tag: 'Transcode', size: '5', startCreationTime: '2026-11-01T00:00:00+0800' };
const expectError = (reply: { status: number; xml: Loose; headers: Headers }, status: number, code: string) => {
  expect(reply.status).toBe(status);
  expect(reply.xml.Error.Code).toBe(code);
  expect(reply.xml.Error.RequestId).toBe(reply.headers.get('x-ci-request-id'));
};

describe('emulator signature checks', () => {
  it('accepts a correct signature, from any configured key pair, as header or pre-signed URL', async () => {
    expect((await h.get('/jobs', params)).status).toBe(200);
    expect((await h.get('/jobs', params, SECOND_PAIR)).status).toBe(200);
    expect((await h.get('/jobs', params, { presign: true })).status).toBe(200);
    expect((await h.get('/jobs/a,b', {})).status).toBe(200); // signed with the comma path: both unknown, not 403
  });

  it('answers 403 AccessDenied without any signature', async () => {
    const reply = await fetch(`${h.emu.url}/jobs?tag=Transcode`);
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('<Code>AccessDenied</Code>');
  });

  it('answers 403 SignatureDoesNotMatch for a wrong SecretKey', async () => {
    const reply = await h.get('/jobs', params, { secretKey: 'wrong-key-0000000000000000000000' });
    expectError(reply, 403, 'SignatureDoesNotMatch');
    expect(reply.xml.Error.Message).toBe('The Signature you specified is invalid.');
  });

  it('answers 403 InvalidAccessKeyId for an unknown SecretId', async () => {
    expectError(
      await h.get('/jobs', params, { secretId: 'AKIDunknown0000000000000000000000' }),
      403,
      'InvalidAccessKeyId',
    );
  });

  it('answers 403 SignatureDoesNotMatch when the wire differs from what was signed (raw + in +0800)', async () => {
    const { authorization } = sign({
      method: 'GET',
      path: '/jobs',
      query: { tag: 'Transcode', startCreationTime: '2026-11-01T00:00:00+0800' },
      headers: { host: new URL(h.emu.url).host },
      ...DEMO_CREDENTIALS,
      startTime: BASE / 1000 - 1,
      endTime: BASE / 1000 + 600,
    });
    const reply = await fetch(`${h.emu.url}/jobs?tag=Transcode&startCreationTime=2026-11-01T00:00:00+0800`, {
      headers: { authorization },
    });
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('SignatureDoesNotMatch');
    const logged = h.emu.requests().at(-1);
    expect(logged?.detail).toContain('HttpString');
  });

  it('answers 403 RequestTimeTooSkewed for a client clock an hour off (Date header and key time)', async () => {
    for (const offset of [-3600_000, 3600_000]) {
      const clientNow = BASE + offset;
      const reply = await signedGet(h.emu.url, '/jobs', params, {
        now: clientNow,
        date: new Date(clientNow).toUTCString(),
      });
      expectError(reply, 403, 'RequestTimeTooSkewed');
    }
    // Key time alone, an hour ahead, no Date header.
    expectError(await signedGet(h.emu.url, '/jobs', params, { now: BASE + 3600_000 }), 403, 'RequestTimeTooSkewed');
    // Within the window: fine.
    expect(
      (await signedGet(h.emu.url, '/jobs', params, { now: BASE + 60_000, date: new Date(BASE + 60_000).toUTCString() }))
        .status,
    ).toBe(200);
  });

  it('answers 403 AccessDenied "Request has expired" after the key time ends', async () => {
    const s = BASE / 1000;
    const reply = await h.get('/jobs', params, { keyTime: [s - 7200, s - 3600] });
    expectError(reply, 403, 'AccessDenied');
    expect(reply.xml.Error.Message).toBe('Request has expired');
  });

  it('answers 403 AccessDenied naming a parameter that was sent but not signed', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode' }, { unsigned: { states: 'Running' } });
    expectError(reply, 403, 'AccessDenied');
    expect(reply.xml.Error.Message).toContain('states');
  });

  it('answers 403 when a header named in q-header-list is missing', async () => {
    const { authorization } = sign({
      method: 'GET',
      path: '/jobs',
      query: { tag: 'Transcode' },
      headers: { host: new URL(h.emu.url).host, 'x-ci-security-token': 'tok' },
      ...DEMO_CREDENTIALS,
      startTime: BASE / 1000,
      endTime: BASE / 1000 + 600,
    });
    const reply = await fetch(`${h.emu.url}/jobs?tag=Transcode`, { headers: { authorization } });
    expect(reply.status).toBe(403);
    expect(await reply.text()).toContain('x-ci-security-token');
    const ok = await fetch(`${h.emu.url}/jobs?tag=Transcode`, {
      headers: { authorization, 'x-ci-security-token': 'tok' },
    });
    expect(ok.status).toBe(200);
  });

  it('checks the signature before anything else: unknown routes and methods still need one', async () => {
    expect((await fetch(`${h.emu.url}/nothing`)).status).toBe(403);
    expectError(await h.get('/nothing', {}), 404, 'NoSuchResource');
    expectError(await h.get('/jobs', { tag: 'Transcode' }, { method: 'DELETE' }), 405, 'MethodNotAllowed');
  });

  it('never puts a SecretKey in a response body, the request log or the stats', async () => {
    const bodies: string[] = [];
    const keys = [DEMO_CREDENTIALS.secretKey, SECOND_PAIR.secretKey];
    for (const opts of [{}, SECOND_PAIR, { secretKey: 'x' }, { keyTime: [1, 2] as const }, { unsigned: { a: 'b' } }]) {
      for (const [path, p] of [
        ['/jobs', params],
        ['/jobs', { tag: 'Nope' }],
        ['/queue', {}],
        ['/jobs/x', {}],
      ] as const) {
        bodies.push((await h.get(path, p, opts)).text);
      }
    }
    bodies.push(await (await fetch(`${h.emu.url}/__emulator/requests`)).text());
    bodies.push(await (await fetch(`${h.emu.url}/__emulator/stats`)).text());
    bodies.push(await (await fetch(`${h.emu.url}/__emulator/faults`)).text());
    for (const body of bodies) for (const key of keys) expect(body).not.toContain(key);
  });
});
