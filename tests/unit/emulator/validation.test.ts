import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ jobCount: 300 });
});
afterAll(() => h.emu.close());

describe('GET /jobs parameter validation', () => {
  it.each([
    ['size', { size: '0' }],
    ['size', { size: '101' }],
    ['size', { size: 'abc' }],
    ['size', { size: '1.5' }],
    ['states', { states: 'Done' }],
    ['states', { states: 'Running,Done' }],
    ['startCreationTime', { startCreationTime: '2024-01-01' }],
    ['startCreationTime', { startCreationTime: '2024-13-01T00:00:00+0800' }],
    ['endCreationTime', { endCreationTime: '2024-02-30T00:00:00+0800' }],
    ['endCreationTime', { endCreationTime: '2024-01-01T00:00:00+08:00' }],
    ['endCreationTime', { endCreationTime: '2024-01-01T00:00:00Z' }],
    [
      'startCreationTime',
      { startCreationTime: '2024-02-01T00:00:00+0800', endCreationTime: '2024-01-01T00:00:00+0800' },
    ],
    ['orderByTime', { orderByTime: 'desc' }],
    ['queueType', { queueType: 'Video' }],
    ['nextToken', { nextToken: '!!' }],
    ['tag', { tag: 'Unknown' }],
    ['tag', { tag: '' }],
  ])('rejects a bad %s with 400 InvalidArgument naming it (%j)', async (name, bad) => {
    const reply = await h.get('/jobs', { tag: 'Transcode', ...bad });
    expect(reply.status).toBe(400);
    expect(reply.xml.Error.Code).toBe('InvalidArgument');
    expect(reply.xml.Error.Message).toContain(`Parameter ${name}`);
  });

  it('requires tag', async () => {
    const reply = await h.get('/jobs', { size: '5' });
    expect(reply.status).toBe(400);
    expect(reply.xml.Error.Message).toContain('Parameter tag is required');
  });

  it('says what is allowed', async () => {
    expect((await h.get('/jobs', { tag: 'Transcode', size: '0' })).xml.Error.Message).toBe(
      "Parameter size must be an integer between 1 and 100; got '0'",
    );
  });

  it('ignores unknown parameters, as CI does, but records them', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode', colour: 'blue', Size: '3' });
    expect(reply.status).toBe(200);
    expect(h.emu.requests().at(-1)?.ignored).toEqual(['colour', 'Size']);
  });

  it('treats empty values as absent (SDKs send nextToken=)', async () => {
    const reply = await h.get('/jobs', { tag: 'Transcode', nextToken: '', size: '', states: '' });
    expect(reply.status).toBe(200);
  });

  it('refuses a repeated parameter', async () => {
    const reply = await h.get('/jobs', [
      ['tag', 'Transcode'],
      ['size', '5'],
      ['size', '6'],
    ]);
    expect(reply.status).toBe(400);
    expect(reply.xml.Error.Message).toContain('size');
  });
});
