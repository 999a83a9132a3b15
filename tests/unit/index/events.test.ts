/**
 * The index's change log (server/index/events.ts): every batch that changes jobs records what
 * changed, in commit order, and announces it with NOTIFY; a client resumes after the last id it
 * saw, or is told to start over when the log was pruned past it; pruning keeps a suffix of ids.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobListItem } from '@/lib/ci/types';
import { backlogAfter, eventBounds, eventsAfter, MAX_BACKLOG, pruneEvents } from '@/server/index/events';
import type { JobStore } from '@/server/index/store';
import { EVENTS_CHANNEL, writeJobs } from '@/server/index/write';

import { resetStore, storeTargets } from './stores';

const item = (id: string, state = 'Running', tag = 'Transcode'): JobListItem => ({
  jobId: id,
  tag,
  subTag: null,
  state,
  progress: state === 'Success' ? 100 : 10,
  code: 'Success',
  message: null,
  creationTime: '2026-11-20T10:00:00+08:00',
  startTime: '2026-11-20T10:00:01+08:00',
  endTime: state === 'Running' ? null : '2026-11-20T10:02:01+08:00',
  queueId: 'p1',
  queueType: 'Transcoding',
  input: null,
  output: null,
  workflows: [],
  extra: {},
});

describe.each(storeTargets)('the change log on $name', { timeout: 120_000 }, (target) => {
  let store: JobStore;
  beforeAll(async () => {
    store = await target.open();
  }, 120_000);
  afterAll(() => store?.close());

  it('records what a batch changed, per tag, and nothing for what did not change', async () => {
    await resetStore(store);
    await writeJobs(store.db, 'b', [{ item: item('j1') }, { item: item('s1', 'Running', 'Snapshot') }], 1000);
    await writeJobs(store.db, 'b', [{ item: item('j1') }], 2000); // the same again: no event
    await writeJobs(store.db, 'b', [{ item: item('j1', 'Success') }], 3000);
    await writeJobs(store.db, 'b', [{ item: item('old', 'Success') }], 4000, undefined, { publish: false });
    const events = await eventsAfter(store.db, 0);
    expect(events.map((e) => ({ at: e.at, tag: e.tag, jobs: e.jobs }))).toEqual([
      { at: 1000, tag: 'Transcode', jobs: [{ id: 'j1', state: 'Running' }] },
      { at: 1000, tag: 'Snapshot', jobs: [{ id: 's1', state: 'Running' }] },
      { at: 3000, tag: 'Transcode', jobs: [{ id: 'j1', state: 'Success' }] },
    ]);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    const snapshots = await eventsAfter(store.db, 0, { filter: { bucket: 'b', tag: 'Snapshot' } });
    expect(snapshots.map((e) => e.jobs[0]!.id)).toEqual(['s1']);
    expect(await eventsAfter(store.db, 0, { filter: { bucket: 'other', tag: null } })).toEqual([]);
  });

  it('announces each commit on the channel with the newest id, and nothing for a rolled-back batch', async () => {
    await resetStore(store);
    const heard: string[] = [];
    const stop = await store.listen(EVENTS_CHANNEL, (payload) => heard.push(payload));
    try {
      await expect(
        writeJobs(store.db, 'b', [{ item: item('x1') }], 1, () => Promise.reject(new Error('checkpoint failed'))),
      ).rejects.toThrow('checkpoint failed');
      await writeJobs(store.db, 'b', [{ item: item('x2') }], 2);
      const { newest } = await eventBounds(store.db);
      await expect.poll(() => heard, { timeout: 5000 }).toEqual([String(newest)]);
      expect((await eventsAfter(store.db, 0)).flatMap((e) => e.jobs.map((j) => j.id))).toEqual(['x2']);
    } finally {
      await stop();
    }
  });

  it('gives a reconnecting client what it missed, or a reset when the log no longer reaches back', async () => {
    await resetStore(store);
    const filter = { bucket: 'b', tag: null };
    for (let i = 1; i <= 4; i++) await writeJobs(store.db, 'b', [{ item: item(`r${i}`) }], i * 60_000);
    const ids = (await eventsAfter(store.db, 0)).map((e) => e.id);
    const missed = await backlogAfter(store.db, ids[1]!, filter);
    expect(missed).toMatchObject({ reset: false, newest: ids[3] });
    expect(missed.reset === false && missed.events.map((e) => e.jobs[0]!.id)).toEqual(['r3', 'r4']);
    expect(await backlogAfter(store.db, ids[3]!, filter)).toMatchObject({ reset: false, events: [] });
    // Pruned up to the events of minute 3: a client that saw the first has missed the second.
    expect(await pruneEvents(store.db, 3 * 60_000)).toBe(2);
    expect(await backlogAfter(store.db, ids[0]!, filter)).toEqual({ reset: true, newest: ids[3] });
    expect(await backlogAfter(store.db, ids[1]!, filter)).toMatchObject({ reset: false });
    // An id this log never gave (a forged header, another database) starts over too.
    expect(await backlogAfter(store.db, ids[3]! + 1000, filter)).toMatchObject({ reset: true });
    // Everything old: the newest stays, so the next client still knows where the log is.
    expect(await pruneEvents(store.db, 3_600_000)).toBe(1);
    expect(await eventBounds(store.db)).toEqual({ newest: ids[3], oldest: ids[3] });
  });

  it("sends more than a backlog's worth as a reset", async () => {
    await resetStore(store);
    await writeJobs(store.db, 'b', [{ item: item('first') }], 1);
    const first = (await eventBounds(store.db)).newest;
    const many = Array.from({ length: MAX_BACKLOG + 1 }, (_, i) => ({
      at_ms: 2,
      bucket: 'b',
      tag: 'Snapshot',
      jobs: JSON.stringify([{ id: `m${i}`, state: 'Running' }]),
    }));
    await store.db.insertInto('job_events').values(many).execute();
    expect(await backlogAfter(store.db, first, { bucket: 'b', tag: 'Transcode' })).toMatchObject({
      reset: false,
      events: [],
    });
    expect(await backlogAfter(store.db, first, { bucket: 'b', tag: null })).toMatchObject({ reset: true });
  });
});
