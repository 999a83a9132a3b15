/**
 * The browser's zod-free check (lib/list-jobs-check.ts) gives the same answers as the API's zod
 * schema (lib/ci/params.ts): same verdict, same field, same message, for chosen and random values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { JOB_ID, LIST_JOBS_PARAMS, parseListJobsQuery } from '@/lib/ci/params';
import { JOB_STATES, QUEUE_TYPE_CODES, TAG_CODES } from '@/lib/ci/tags';
import { checkListJobsPairs, JOB_ID_PATTERN, LIST_JOBS_PARAM_ORDER } from '@/lib/list-jobs-check';

const zodAnswer = (pairs: [string, string][]) => {
  const r = parseListJobsQuery(new URLSearchParams(pairs));
  return r.ok ? null : r.error;
};

const SAMPLES: Record<string, string[]> = {
  tag: [...TAG_CODES, '', 'Nope', 'transcode'],
  queueId: ['p2242ab62c7c94486915508540933a2c6', 'p1;drop', 'a'.repeat(64), 'a'.repeat(65), ' '],
  queueType: [...QUEUE_TYPE_CODES, 'Video', 'transcoding'],
  workflowId: ['w1', 'w 1', '-_-'],
  inventoryTriggerJobId: ['b1', 'b/1'],
  inputObject: ['in/a b+c.mp4', 'a\u0000b', 'x'.repeat(850), 'x'.repeat(851), '视频/第1讲.mp4', '\u007f'],
  orderByTime: ['Desc', 'Asc', 'desc', 'ASC'],
  nextToken: ['abc', 'a=b.c:d+e/f~g_h-i', '<script>', 'x'.repeat(512), 'x'.repeat(513), 'a b'],
  size: ['1', '10', '100', '0', '101', '001', '0100', '1e2', '-1', ' 10', '10.0', 'abc'],
  states: ['All', ...JOB_STATES, 'Success,Failed,Success', 'Success,,Failed', 'Done', ' Success , Failed ', ','],
  startCreationTime: [
    '2024-01-01T00:00:00+0800',
    '2024-01-01T00:00:00.123-05:30',
    '2024-01-01T00:00:00Z',
    '2024-01-01',
    '2024-13-01T00:00:00+0800',
    '2024-02-30T00:00:00+0800',
    '2024-01-01T00:00:00+1500',
    '2024-01-01T00:00:00+0860',
    '2024-01-01 00:00:00+0800',
  ],
};
SAMPLES.endCreationTime = SAMPLES.startCreationTime!;

describe('browser check of GET /jobs values = the API schema', () => {
  it('shares the parameter order and the job ID pattern', () => {
    expect([...LIST_JOBS_PARAM_ORDER]).toEqual([...LIST_JOBS_PARAMS]);
    expect(JOB_ID_PATTERN.source).toBe(JOB_ID.source);
  });

  it('answers like the schema for chosen values of every parameter', () => {
    for (const [name, values] of Object.entries(SAMPLES)) {
      for (const value of values) {
        const pairs: [string, string][] =
          name === 'tag'
            ? [['tag', value]]
            : [
                ['tag', 'Transcode'],
                [name, value],
              ];
        expect({ name, value, answer: checkListJobsPairs(pairs) }).toEqual({ name, value, answer: zodAnswer(pairs) });
      }
    }
  });

  it('answers like the schema for the creation range, both ways round', () => {
    const times = SAMPLES.startCreationTime!;
    for (const start of times) {
      for (const end of times) {
        const pairs: [string, string][] = [
          ['tag', 'Transcode'],
          ['startCreationTime', start],
          ['endCreationTime', end],
        ];
        expect({ start, end, answer: checkListJobsPairs(pairs) }).toEqual({ start, end, answer: zodAnswer(pairs) });
      }
    }
  });

  it('answers like the schema for random values', () => {
    const names = LIST_JOBS_PARAMS.filter((n) => n !== 'tag');
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.oneof(
          fc.string({ maxLength: 20 }),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
          fc.stringMatching(/^[0-9]{1,4}$/),
          fc
            .date({ noInvalidDate: true, min: new Date('1970-01-01'), max: new Date('2100-01-01') })
            .map((d) => d.toISOString()),
          fc.subarray([...JOB_STATES, 'All', 'x', ' ']).map((s) => s.join(',')),
        ),
        (name, value) => {
          const pairs: [string, string][] = [
            ['tag', 'Transcode'],
            [name, value],
          ];
          expect(checkListJobsPairs(pairs)).toEqual(zodAnswer(pairs));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
