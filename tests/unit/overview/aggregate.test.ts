import { describe, expect, it } from 'vitest';

import {
  countByState,
  durationsByTag,
  groupFailures,
  percentile,
  runSeconds,
  slotsByCreation,
  slotUnitFor,
  statesOf,
} from '@/features/overview/aggregate';
import type { JobListItem } from '@/lib/ci/types';

let seq = 0;
function job(partial: Partial<JobListItem>): JobListItem {
  seq += 1;
  return {
    jobId: `j${String(seq).padStart(32, '0')}`,
    tag: 'Transcode',
    subTag: null,
    state: 'Success',
    progress: 100,
    code: 'Success',
    message: null,
    creationTime: '2026-11-25T10:00:00Z',
    startTime: null,
    endTime: null,
    queueId: 'p1',
    queueType: 'Transcoding',
    input: null,
    workflows: [],
    extra: {},
    output: null,
    ...partial,
  };
}

const H = 3_600_000;
const utc = () => 0;

describe('countByState', () => {
  it('counts every job once, with every known state present', () => {
    const counts = countByState([
      job({ state: 'Failed' }),
      job({ state: 'Failed' }),
      job({ state: 'Running' }),
      job({ state: 'Weird' }),
    ]);
    expect(counts).toEqual({ Submitted: 0, Running: 1, Success: 0, Failed: 2, Pause: 0, Cancel: 0, Weird: 1 });
    expect(statesOf(counts)).toEqual(['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel', 'Weird']);
  });
});

describe('slotsByCreation', () => {
  const from = Date.parse('2026-11-25T10:30:00Z');
  const to = Date.parse('2026-11-25T13:10:00Z');

  it('puts each job in the hour it was created, with empty hours kept, in any offset CI sends', () => {
    const jobs = [
      job({ creationTime: '2026-11-25T10:30:00Z', state: 'Failed' }),
      job({ creationTime: '2026-11-25T18:59:59+08:00', state: 'Success' }), // 10:59:59Z
      job({ creationTime: '2026-11-25T13:00:00Z', state: 'Running' }),
      job({ creationTime: '2026-11-25T14:00:00Z' }), // after the window: not counted
      job({ creationTime: null }),
    ];
    const buckets = slotsByCreation(jobs, { from, to, unit: 'hour', offsetMinutes: utc });
    expect(buckets.map((b) => new Date(b.start).toISOString())).toEqual([
      '2026-11-25T10:00:00.000Z',
      '2026-11-25T11:00:00.000Z',
      '2026-11-25T12:00:00.000Z',
      '2026-11-25T13:00:00.000Z',
    ]);
    expect(buckets.map((b) => b.total)).toEqual([2, 0, 0, 1]);
    expect(buckets[0]!.counts).toMatchObject({ Failed: 1, Success: 1 });
    expect(buckets[3]!.counts.Running).toBe(1);
    // The inclusive end is the last whole second of the hour: a list filter for exactly this bar.
    expect(new Date(buckets[0]!.end).toISOString()).toBe('2026-11-25T10:59:59.000Z');
  });

  it('starts days at midnight of the chosen zone', () => {
    const plus8 = () => 480;
    const buckets = slotsByCreation(
      [job({ creationTime: '2026-11-24T15:59:59Z' }), job({ creationTime: '2026-11-24T16:00:00Z' })],
      {
        from: Date.parse('2026-11-24T00:00:00Z'),
        to: Date.parse('2026-11-25T00:00:00Z'),
        unit: 'day',
        offsetMinutes: plus8,
      },
    );
    // Midnight at +08:00 is 16:00Z the day before.
    expect(buckets.map((b) => new Date(b.start).toISOString())).toEqual([
      '2026-11-23T16:00:00.000Z',
      '2026-11-24T16:00:00.000Z',
    ]);
    expect(buckets.map((b) => b.total)).toEqual([1, 1]);
    expect(new Date(buckets[0]!.end).toISOString()).toBe('2026-11-24T15:59:59.000Z');
  });

  it('uses hours up to a week and days beyond', () => {
    expect(slotUnitFor(7 * 24 * H)).toBe('hour');
    expect(slotUnitFor(7 * 24 * H + 1)).toBe('day');
  });
});

describe('durations', () => {
  it('takes nearest-rank percentiles', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
    expect(percentile([], 50)).toBeNull();
  });

  it('measures start to end of finished jobs only, per tag, slowest median first', () => {
    const t = (s: number) => new Date(Date.parse('2026-11-25T10:00:00Z') + s * 1000).toISOString();
    const jobs = [
      job({ tag: 'Snapshot', startTime: t(0), endTime: t(10) }),
      job({ tag: 'Snapshot', startTime: t(0), endTime: t(30), state: 'Failed' }),
      job({ tag: 'Transcode', startTime: t(0), endTime: t(100) }),
      job({ tag: 'Transcode', startTime: t(0), endTime: null, state: 'Running' }),
      job({ tag: 'Transcode', startTime: null, endTime: null, state: 'Cancel' }),
      job({ tag: 'Animation', startTime: t(10), endTime: t(5) }), // end before start: ignored
    ];
    expect(runSeconds(jobs[0]!)).toBe(10);
    expect(durationsByTag(jobs)).toEqual([
      { tag: 'Transcode', count: 1, median: 100, p90: 100, max: 100 },
      { tag: 'Snapshot', count: 2, median: 10, p90: 30, max: 30 },
    ]);
  });
});

describe('groupFailures', () => {
  it('groups failed jobs by code with shares, newest first, and what they touch', () => {
    const jobs = [
      job({
        state: 'Failed',
        code: 'InvalidInput',
        message: 'no video',
        tag: 'Transcode',
        queueId: 'q1',
        creationTime: '2026-11-25T10:00:00Z',
      }),
      job({
        state: 'Failed',
        code: 'InvalidInput',
        message: 'no audio',
        tag: 'SpeechRecognition',
        queueId: 'q2',
        creationTime: '2026-11-25T12:00:00Z',
      }),
      job({
        state: 'Failed',
        code: 'InvalidInput',
        message: 'no video',
        tag: 'Transcode',
        queueId: 'q1',
        creationTime: '2026-11-25T11:00:00Z',
      }),
      job({ state: 'Failed', code: 'SomethingNew', message: 'huh' }),
      job({ state: 'Failed', code: null, message: null }),
      job({ state: 'Success', code: 'Success' }),
    ];
    const groups = groupFailures(jobs);
    expect(groups.map((g) => [g.code, g.count])).toEqual([
      ['InvalidInput', 3],
      ['', 1],
      ['SomethingNew', 1],
    ]);
    const [input] = groups;
    expect(input!.share).toBeCloseTo(3 / 5);
    expect(input!.latest).toBe('2026-11-25T12:00:00Z');
    expect(input!.jobs.map((j) => j.creationTime)).toEqual([
      '2026-11-25T12:00:00Z',
      '2026-11-25T11:00:00Z',
      '2026-11-25T10:00:00Z',
    ]);
    expect(input!.tags).toEqual([
      ['Transcode', 2],
      ['SpeechRecognition', 1],
    ]);
    expect(input!.queues).toEqual([
      ['q1', 2],
      ['q2', 1],
    ]);
    expect(input!.messages).toEqual([
      ['no video', 2],
      ['no audio', 1],
    ]);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(5);
  });
});
