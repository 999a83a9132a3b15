import { describe, expect, it } from 'vitest';

import { planRefresh, windowRunsToNow, type RefreshInput } from '@/features/jobs/live-refresh-plan';
import {
  advance,
  dismissLeft,
  INITIAL_ROWS,
  leftSummary,
  listIsNewer,
  newerRow,
  reveal,
  rowsOf,
  settle,
  unsettle,
  type LiveRowsState,
} from '@/features/jobs/live-rows';
import type { Job, JobListItem } from '@/lib/ci/types';

const job = (jobId: string, state = 'Running', progress: number | null = 50): JobListItem => ({
  jobId,
  tag: 'Transcode',
  subTag: null,
  state,
  progress,
  code: state === 'Failed' ? 'InputFileNotExist' : state === 'Success' ? 'Success' : null,
  message: null,
  creationTime: '2026-12-01T10:00:00+08:00',
  startTime: null,
  endTime: null,
  queueId: 'p1',
  queueType: 'Transcoding',
  input: null,
  workflows: [],
  extra: {},
  output: null,
});
const detail = (row: JobListItem, patch: Partial<Job>): Job => ({ ...row, operation: null, ...patch });
const ids = (rows: readonly JobListItem[]) => rows.map((r) => r.jobId);

describe('planRefresh: which views keep polling', () => {
  const base: RefreshInput = {
    enabled: true,
    failed: false,
    transient: false,
    failures: 0,
    visible: true,
    paused: false,
    active: false,
    live: true,
    fetching: false,
    intervalMs: 5_000,
    lastAnswerAt: 1_000_000,
  };

  it('polls a view of only finished jobs while its window runs up to now, on the clock’s boundaries', () => {
    expect(planRefresh(base)).toEqual({ mode: 'polling', nextAt: 1_005_000 });
  });
  it('rests on a fixed past window once every job shown is finished, and polls it while one is not', () => {
    expect(planRefresh({ ...base, live: false })).toEqual({ mode: 'idle', nextAt: null });
    expect(planRefresh({ ...base, live: false, active: true }).mode).toBe('polling');
  });
  it('still pauses, hides and stops a live window as before', () => {
    expect(planRefresh({ ...base, paused: true }).mode).toBe('paused');
    expect(planRefresh({ ...base, visible: false }).mode).toBe('hidden');
    expect(planRefresh({ ...base, enabled: false }).mode).toBe('stopped');
  });
  it('windowRunsToNow: no end or an end still ahead', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(windowRunsToNow('', now)).toBe(true);
    expect(windowRunsToNow('2026-12-01T13:00:00Z', now)).toBe(true);
    expect(windowRunsToNow('2026-12-01T20:30:00+08:00', now)).toBe(true);
    expect(windowRunsToNow('2026-12-01T11:59:59Z', now)).toBe(false);
    expect(windowRunsToNow('2026-12-01T12:00:00Z', now)).toBe(false);
  });
});

describe('live rows: new since you looked', () => {
  const first = [job('a', 'Failed'), job('b', 'Failed'), job('c', 'Failed')];
  const start = advance(INITIAL_ROWS, first, ['Failed']);

  it('shows the first answer whole', () => {
    expect(rowsOf(start, first)).toEqual({ rows: first, held: [] });
  });

  it('holds jobs that were not on screen, counts exactly them, and keeps the rows in their places', () => {
    // Two new failures at the head push c off a page of three.
    const next = [job('n2', 'Failed'), job('n1', 'Failed'), job('a', 'Failed')];
    const s = advance(start, next, ['Failed']);
    const { rows, held } = rowsOf(s, next);
    expect(ids(held)).toEqual(['n2', 'n1']);
    expect(ids(rows)).toEqual(['a', 'b', 'c']);
    // A finished job cannot change state: b and c are kept, never looked up.
    expect(s.checking).toEqual([]);
    // A second answer with the same news counts it once.
    expect(ids(rowsOf(advance(s, next, ['Failed']), next).held)).toEqual(['n2', 'n1']);
  });

  it('an answer that changes nothing on screen keeps the state itself (the table does not re-render)', () => {
    expect(advance(start, first, ['Failed'])).toBe(start);
    expect(advance(start, [job('n', 'Failed'), ...first], ['Failed'])).toBe(start);
    expect(advance(start, [job('a', 'Failed'), first[1]!, first[2]!], ['Failed'])).not.toBe(start);
  });

  it('reveal shows the answer as it is; nothing is held after it', () => {
    const next = [job('n1', 'Failed'), job('a', 'Failed'), job('b', 'Failed')];
    const s = reveal(advance(start, next, ['Failed']), next);
    expect(rowsOf(s, next)).toEqual({ rows: next, held: [] });
  });

  it('updates rows on screen in place', () => {
    const all = [job('a', 'Running', 10), job('b', 'Running', 20)];
    let s = advance(INITIAL_ROWS, all, []);
    const next = [job('x', 'Submitted', 0), job('a', 'Running', 60), job('b', 'Success', 100)];
    s = advance(s, next, []);
    const { rows, held } = rowsOf(s, next);
    expect(rows.map((r) => [r.jobId, r.state, r.progress])).toEqual([
      ['a', 'Running', 60],
      ['b', 'Success', 100],
    ]);
    expect(ids(held)).toEqual(['x']);
  });
});

describe('live rows: jobs that leave a view', () => {
  const running = [job('a', 'Running', 99), job('b', 'Running', 40), job('c', 'Running', 10)];
  let s: LiveRowsState = advance(INITIAL_ROWS, running, ['Running']);

  it('keeps a missing row as last known and looks it up, then announces it when its state left the view', () => {
    s = advance(s, [job('b', 'Running', 45), job('c', 'Running', 12)], ['Running']);
    expect(s.checking).toEqual(['a']);
    expect(ids(rowsOf(s, []).rows)).toEqual(['a', 'b', 'c']);
    // The next answer does not look it up twice.
    s = advance(s, [job('b', 'Running', 50), job('c', 'Running', 15)], ['Running']);
    expect(s.checking).toEqual(['a']);

    s = settle(s, 'a', job('a', 'Success', 100), ['Running']);
    const answer = [job('b', 'Running', 50), job('c', 'Running', 15)];
    expect(ids(rowsOf(s, answer).rows)).toEqual(['b', 'c']);
    expect(s.left).toEqual([{ jobId: 'a', state: 'Success' }]);
    expect(leftSummary(s.left)).toBe('1 finished: 1 Success');
  });

  it('keeps a looked-up job still in a listed state (pushed off the page), with what the lookup said', () => {
    let t = advance(INITIAL_ROWS, running, ['Running']);
    t = advance(t, [job('new', 'Running', 1), job('a', 'Running', 99), job('b', 'Running', 41)], ['Running']);
    expect(t.checking).toEqual(['c']);
    t = settle(t, 'c', job('c', 'Running', 11), ['Running']);
    expect(rowsOf(t, []).rows.map((r) => [r.jobId, r.progress])).toEqual([
      ['a', 99],
      ['b', 41],
      ['c', 11],
    ]);
    expect(t.left).toEqual([]);
  });

  it('counts several, names a job that no longer exists, retries a failed lookup, and dismisses', () => {
    let t = advance(INITIAL_ROWS, running, ['Running']);
    t = advance(t, [], ['Running']);
    expect(t.checking).toEqual(['a', 'b', 'c']);
    t = settle(t, 'a', job('a', 'Success', 100), ['Running']);
    t = settle(t, 'b', job('b', 'Failed', 40), ['Running']);
    expect(leftSummary(t.left)).toBe('2 finished: 1 Success, 1 Failed');
    t = unsettle(t, 'c');
    expect(t.checking).toEqual([]);
    t = advance(t, [], ['Running']);
    expect(t.checking).toEqual(['c']);
    t = settle(t, 'c', null, ['Running']);
    expect(leftSummary(t.left)).toBe('3 left this view: 1 Success, 1 Failed, 1 no longer found');
    expect(dismissLeft(t).left).toEqual([]);
  });

  it('a job that leaves a Submitted view by starting is said to have left, not finished', () => {
    let t = advance(INITIAL_ROWS, [job('s', 'Submitted', 0)], ['Submitted']);
    t = advance(t, [], ['Submitted']);
    t = settle(t, 's', job('s', 'Running', 3), ['Submitted']);
    expect(leftSummary(t.left)).toBe('1 left this view: 1 Running');
  });
});

describe('live rows: the open job’s row and detail agree', () => {
  const row = job('a', 'Running', 97);

  it('shows the detail’s newer state on the row, whatever the times once finished', () => {
    expect(newerRow(row, 1000, detail(row, { state: 'Success', progress: 100, code: 'Success' }), 500)).toMatchObject({
      state: 'Success',
      progress: 100,
      code: 'Success',
    });
    expect(newerRow(row, 1000, detail(row, { progress: 99 }), 2000).progress).toBe(99);
    expect(newerRow(row, 3000, detail(row, { progress: 90 }), 2000).progress).toBe(97);
    expect(newerRow(job('b', 'Success', 100), 1000, detail(row, { state: 'Success' }), 2000).jobId).toBe('b');
  });

  it('says when the list knows more than the detail (which then asks again)', () => {
    const open = detail(row, { progress: 80 });
    expect(listIsNewer(row, 2000, open, 1000)).toBe(true);
    expect(listIsNewer(row, 500, open, 1000)).toBe(false);
    expect(listIsNewer(job('a', 'Success', 100), 500, open, 1000)).toBe(true);
    expect(listIsNewer(row, 2000, detail(row, { state: 'Success' }), 1000)).toBe(false);
    expect(listIsNewer(row, 2000, detail(row, {}), 1000)).toBe(false);
  });
});
