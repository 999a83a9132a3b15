/**
 * "All tags" against the emulator: paging with the combined cursor visits every job of every tag
 * exactly once, in creation-time order, whatever the page size.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { startEmulator, viewAt } from '@/emulator';
import { CursorError, listAllTags, type AllTagsParams } from '@/server/ci/all-tags';

import { emulatorCiClient } from '../../support/emulator-client';

const frozenNow = Date.now();
const emulator = await startEmulator({ port: 0, now: () => frozenNow, jobCount: 1500 });
afterAll(() => emulator.close());
const client = emulatorCiClient(emulator, { CI_CACHE_TTL_MS: '2000' });

async function pageThrough(params: AllTagsParams) {
  const ids: string[] = [];
  const times: number[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listAllTags(client, params, cursor);
    expect(page.jobs.length).toBeLessThanOrEqual(params.size ?? 10);
    for (const j of page.jobs) {
      ids.push(j.jobId);
      times.push(Date.parse(j.creationTime!));
    }
    if (!page.cursor) return { ids, times };
    cursor = page.cursor;
  }
  throw new Error('paging did not end');
}

const expected = (states: string[]) =>
  emulator.dataset.jobs
    .filter((j) => {
      const v = viewAt(j, frozenNow);
      return v !== null && states.includes(v.state);
    })
    .map((j) => j.jobId)
    .sort();

describe('all tags at once', () => {
  it.each([7, 50])('pages every job of every tag exactly once, newest first (size %i)', async (size) => {
    const { ids, times } = await pageThrough({ size, states: ['Failed', 'Cancel', 'Pause'] });
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(expected(['Failed', 'Cancel', 'Pause']));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(ids.length).toBeGreaterThan(size * 2);
  });

  it('keeps oldest-first order when asked', async () => {
    const { ids, times } = await pageThrough({ size: 30, states: ['Failed'], orderByTime: 'Asc' });
    expect([...ids].sort()).toEqual(expected(['Failed']));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('ties the cursor to its bucket: another bucket refuses it', async () => {
    const first = await listAllTags(client, { size: 5 }, undefined, { scope: 'demo-1250000000' });
    const again = await listAllTags(client, { size: 5 }, first.cursor!, { scope: 'demo-1250000000' });
    expect(again.jobs).toHaveLength(5);
    await expect(listAllTags(client, { size: 5 }, first.cursor!, { scope: 'media-1250000001' })).rejects.toThrow(
      /another bucket/,
    );
    await expect(listAllTags(client, { size: 5 }, first.cursor!)).rejects.toBeInstanceOf(CursorError);
  });

  it('ties the cursor to its filters (not the page size): other filters refuse it', async () => {
    const first = await listAllTags(client, { size: 5, states: ['Failed'] }, undefined);
    expect((await listAllTags(client, { size: 9, states: ['Failed'] }, first.cursor!)).jobs).toHaveLength(9);
    await expect(listAllTags(client, { size: 5, states: ['Success'] }, first.cursor!)).rejects.toThrow(/other filters/);
    await expect(
      listAllTags(client, { size: 5, states: ['Failed'], orderByTime: 'Asc' }, first.cursor!),
    ).rejects.toBeInstanceOf(CursorError);
  });

  it('refuses a cursor signed with another key, and a signed one holding a token /api/jobs would refuse', async () => {
    const { encodeCursor } = await import('@/server/ci/all-tags');
    const other = new Uint8Array(32).fill(1);
    const first = await listAllTags(client, { size: 5 }, undefined, { key: other });
    expect((await listAllTags(client, { size: 5 }, first.cursor!, { key: other })).jobs).toHaveLength(5);
    await expect(listAllTags(client, { size: 5 }, first.cursor!)).rejects.toThrow(/not one this dashboard made/);
    for (const t of ['a\r\nb', 'a\u0000', '<b>', 'x'.repeat(513)]) {
      const cursor = encodeCursor({ v: 1, p: { Transcode: { t, o: 0 } } } as never, other);
      await expect(listAllTags(client, { size: 5 }, cursor, { key: other })).rejects.toBeInstanceOf(CursorError);
    }
  });

  it('refuses a cursor it did not make', async () => {
    await expect(listAllTags(client, { size: 5 }, 'bm9wZQ')).rejects.toBeInstanceOf(CursorError);
    await expect(
      listAllTags(client, { size: 5 }, Buffer.from('{"v":1,"p":{"Nope":{"t":"","o":0}}}').toString('base64url')),
    ).rejects.toBeInstanceOf(CursorError);
  });
});

describe('GET /api/jobs/all parameters', async () => {
  const { parseAllTagsQuery } = await import('@/server/ci/all-tags-params');
  const fieldOf = (q: string) => {
    const r = parseAllTagsQuery(new URLSearchParams(q));
    return r.ok ? null : r.error.field;
  };
  it('takes the filters of /api/jobs and a cursor, refuses tag, nextToken and bad values', () => {
    const cursor = `abc_-1.${'m'.repeat(43)}`;
    const r = parseAllTagsQuery(new URLSearchParams(`states=Failed&size=20&cursor=${cursor}`));
    expect(r.ok && r.value).toEqual({ params: { states: ['Failed'], size: 20 }, cursor });
    expect(fieldOf('cursor=abc_-1')).toBe('cursor');
    expect(fieldOf('tag=Transcode')).toBe('tag');
    expect(fieldOf('nextToken=1')).toBe('nextToken');
    expect(fieldOf('cursor=a&cursor=b')).toBe('cursor');
    expect(fieldOf('cursor=<x>')).toBe('cursor');
    expect(fieldOf('size=500')).toBe('size');
    expect(fieldOf('evil=1')).toBe('evil');
  });
});
