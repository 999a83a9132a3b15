/**
 * Interop with Tencent's official Node SDK (cos-nodejs-sdk-v5, a dev dependency used only here):
 * our signer agrees with the SDK's for generated requests, and the emulator accepts what the SDK's
 * own request code signs — and refuses it under a wrong key.
 */
import COS from 'cos-nodejs-sdk-v5';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { startEmulator } from '@/emulator';
import { sign } from '@/server/ci/sign';

const KEYS = { secretId: 'AKIDinteropSDK000000', secretKey: 'interop-sdk-secret-key-0000000000' };

describe('our signer equals the SDK signer', () => {
  // Headers the SDK signs (its getSignHeaderObj whitelist plus x-cos-*/x-ci-*); others it drops.
  const headerName = fc.constantFrom(
    'Host',
    'host',
    'Content-Type',
    'content-md5',
    'Range',
    'x-cos-acl',
    'X-Cos-Meta-Note',
    'x-ci-security-token',
    'If-Match',
    'Origin',
  );
  const text = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      'a b',
      'a+b',
      'x/y',
      '100%',
      'k:v',
      '腾讯云',
      'Success,Failed',
      '2024-01-01T00:00:00+0800',
      '',
      "!'()*~",
    ),
  );
  const queryName = fc.oneof(
    fc.constantFrom(
      'tag',
      'states',
      'queueId',
      'nextToken',
      'size',
      'startCreationTime',
      'inputObject',
      'Tag',
      'response-content-type',
      'acl',
    ),
    fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9-]{0,10}$/),
  );
  const request = fc.record({
    method: fc.constantFrom('GET', 'get', 'PUT', 'POST', 'DELETE', 'options' as const),
    path: fc.oneof(
      fc.constantFrom(
        '/jobs',
        '/jobs/j8d121820f5e411ec926ef19d53ba9c6f',
        '/queue',
        '/exampleobject(腾讯云)',
        '/dir/a b+c.mp4',
        '/',
      ),
      fc.string({ maxLength: 15 }).map((s) => `/${s}`),
    ),
    query: fc.dictionary(queryName, text, { maxKeys: 6 }),
    headers: fc.dictionary(
      headerName,
      text.filter((v) => v !== ''),
      { maxKeys: 4 },
    ),
    start: fc.integer({ min: 1_400_000_000, max: 1_900_000_000 }),
    ttl: fc.integer({ min: 1, max: 10_000 }),
  });

  it('for 500 generated methods, paths, queries and headers', () => {
    fc.assert(
      fc.property(request, (r) => {
        // A header name given twice in different case is one header to the SDK; keep one.
        const headers = Object.fromEntries(
          Object.entries(r.headers).filter(
            ([k], i, all) => all.findIndex(([k2]) => k2.toLowerCase() === k.toLowerCase()) === i,
          ),
        );
        const query = Object.fromEntries(
          Object.entries(r.query).filter(
            ([k], i, all) => all.findIndex(([k2]) => k2.toLowerCase() === k.toLowerCase()) === i,
          ),
        );
        const keyTime = `${r.start};${r.start + r.ttl}`;
        const theirs = COS.getAuthorization({
          SecretId: KEYS.secretId,
          SecretKey: KEYS.secretKey,
          Method: r.method,
          Pathname: r.path,
          Query: query,
          Headers: headers,
          KeyTime: keyTime,
        });
        const ours = sign({
          ...KEYS,
          method: r.method,
          path: r.path,
          query,
          headers,
          startTime: r.start,
          endTime: r.start + r.ttl,
        });
        expect(ours.authorization).toBe(theirs);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});

describe('the emulator and requests sent by the SDK itself', () => {
  const emulatorPromise = startEmulator({ port: 0, credentials: [KEYS] });
  afterAll(async () => (await emulatorPromise).close());

  const listWith = async (secretKey: string) => {
    const emulator = await emulatorPromise;
    const cos = new COS({ SecretId: KEYS.secretId, SecretKey: secretKey, Protocol: 'http:' });
    return new Promise<{
      statusCode?: number;
      body?: unknown;
      error?: { statusCode?: number; code?: string; Code?: string };
    }>((resolve) => {
      cos.request(
        {
          Method: 'GET',
          Url: `${emulator.url}/jobs`,
          Query: {
            tag: 'Transcode',
            states: 'Success,Failed',
            size: '5',
            startCreationTime: '2020-01-01T00:00:00+0800',
          },
        },
        (err: unknown, data: { statusCode?: number; Response?: unknown }) =>
          resolve(err ? { error: err } : { statusCode: data.statusCode, body: data.Response }),
      );
    });
  };

  it('accepts a GET /jobs signed by the SDK', async () => {
    const r = await listWith(KEYS.secretKey);
    expect(r.error).toBeUndefined();
    expect(r.statusCode).toBe(200);
    expect(JSON.stringify(r.body)).toContain('JobsDetail');
    const emulator = await emulatorPromise;
    expect(emulator.requests().at(-1)).toMatchObject({ path: '/jobs', status: 200 });
  });

  it('refuses one signed with a wrong key with 403 SignatureDoesNotMatch', async () => {
    const r = await listWith('not-the-right-secret-key-000000000');
    expect(r.error?.statusCode).toBe(403);
    const emulator = await emulatorPromise;
    expect(emulator.requests().at(-1)).toMatchObject({ path: '/jobs', status: 403, code: 'SignatureDoesNotMatch' });
  });
});
