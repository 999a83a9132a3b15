import { describe, expect, it } from 'vitest';

import { formatCiTime, listJobsError, parseListJobsQuery, toCiQuery, toCiTime } from '@/lib/ci/params';

const parse = (q: string) => parseListJobsQuery(new URLSearchParams(q));
const fieldOf = (q: string) => {
  const r = parse(q);
  return r.ok ? null : r.error.field;
};

describe('GET /api/jobs parameters', () => {
  it('accepts every parameter of the seed page and normalises them', () => {
    const r = parse(
      'tag=Transcode&queueId=p2242ab62c7c94486915508540933a2c6&queueType=Transcoding&workflowId=w1&inventoryTriggerJobId=b1&inputObject=in/a b+c.mp4&orderByTime=Asc&nextToken=abc&size=100&states=Success,Failed,Success&startCreationTime=2024-01-01T00:00:00%2B08:00&endCreationTime=2024-01-02T00:00:00Z',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      size: 100,
      states: ['Success', 'Failed'],
      startCreationTime: '2024-01-01T00:00:00+0800',
      endCreationTime: '2024-01-02T00:00:00+0000',
    });
    expect(toCiQuery(r.value).map(([k]) => k)).toEqual([
      'tag',
      'queueId',
      'queueType',
      'workflowId',
      'inventoryTriggerJobId',
      'inputObject',
      'orderByTime',
      'nextToken',
      'size',
      'states',
      'startCreationTime',
      'endCreationTime',
    ]);
  });

  it('names the field of each bad value', () => {
    expect(fieldOf('')).toBe('tag');
    expect(fieldOf('tag=')).toBe('tag');
    expect(fieldOf('tag=Nope')).toBe('tag');
    expect(fieldOf('tag=Transcode&size=0')).toBe('size');
    expect(fieldOf('tag=Transcode&size=101')).toBe('size');
    expect(fieldOf('tag=Transcode&size=abc')).toBe('size');
    expect(fieldOf('tag=Transcode&size=1e2')).toBe('size');
    expect(fieldOf('tag=Transcode&states=Done')).toBe('states');
    expect(fieldOf('tag=Transcode&states=Success,,Failed')).toBe('states');
    expect(fieldOf('tag=Transcode&orderByTime=desc')).toBe('orderByTime');
    expect(fieldOf('tag=Transcode&queueType=Video')).toBe('queueType');
    expect(fieldOf('tag=Transcode&queueId=p1;drop')).toBe('queueId');
    expect(fieldOf('tag=Transcode&startCreationTime=2024-01-01')).toBe('startCreationTime');
    expect(fieldOf('tag=Transcode&startCreationTime=2024-13-01T00:00:00%2B0800')).toBe('startCreationTime');
    expect(fieldOf('tag=Transcode&endCreationTime=2024-02-30T00:00:00%2B0800')).toBe('endCreationTime');
    expect(fieldOf('tag=Transcode&startCreationTime=2024-02-02T00:00:00Z&endCreationTime=2024-02-01T00:00:00Z')).toBe(
      'endCreationTime',
    );
    expect(fieldOf('tag=Transcode&inputObject=a%00b')).toBe('inputObject');
    expect(fieldOf('tag=Transcode&nextToken=%3Cscript%3E')).toBe('nextToken');
  });

  it('refuses unknown and repeated parameters', () => {
    expect(fieldOf('tag=Transcode&foo=1')).toBe('foo');
    expect(fieldOf('tag=Transcode&tag=Snapshot')).toBe('tag');
    expect(fieldOf('tag=Transcode&Size=10')).toBe('Size');
  });

  it('treats an empty optional value as not set', () => {
    const r = parse('tag=Snapshot&queueId=&states=');
    expect(r.ok && toCiQuery(r.value)).toEqual([['tag', 'Snapshot']]);
  });

  it('converts times to and from CI format', () => {
    expect(toCiTime('2024-01-01T00:00:00+0800')).toBe('2024-01-01T00:00:00+0800');
    expect(toCiTime('2024-01-01T00:00:00.123-05:30')).toBe('2024-01-01T00:00:00-0530');
    expect(toCiTime('2024-01-01 00:00:00+0800')).toBeNull();
    expect(formatCiTime(Date.UTC(2024, 0, 1, 0, 0, 0))).toBe('2024-01-01T08:00:00+0800');
    expect(formatCiTime(Date.UTC(2024, 0, 1, 0, 0, 0), -330)).toBe('2023-12-31T18:30:00-0530');
  });
});

/**
 * Each parameter's edge values with the answer expected (null: accepted), the cases the hand-written
 * browser copy (lib/list-jobs-check.ts, gone) was held to: the schema now serves the browser too.
 */
describe('the GET /jobs schema, value by value', () => {
  const verdict = (name: string, value: string) => {
    const r = parse(
      new URLSearchParams(
        name === 'tag'
          ? [['tag', value]]
          : [
              ['tag', 'Transcode'],
              [name, value],
            ],
      ).toString(),
    );
    return r.ok ? null : r.error;
  };
  const CASES: [string, string, string | null][] = [
    ['tag', 'Snapshot', null],
    ['tag', '', 'tag is required and must be one of:'],
    ['tag', 'transcode', 'tag is required and must be one of:'],
    ['queueId', 'p2242ab62c7c94486915508540933a2c6', null],
    ['queueId', 'a'.repeat(64), null],
    ['queueId', 'a'.repeat(65), 'queueId must be 1–64 letters, digits, "-" or "_"'],
    ['queueId', ' ', 'queueId must be 1–64 letters'],
    ['queueType', 'Transcoding', null],
    ['queueType', 'transcoding', 'queueType must be one of:'],
    ['workflowId', '-_-', null],
    ['workflowId', 'w 1', 'workflowId must be 1–64'],
    ['inventoryTriggerJobId', 'b/1', 'inventoryTriggerJobId must be 1–64'],
    ['inputObject', '视频/第1讲.mp4', null],
    ['inputObject', 'x'.repeat(850), null],
    ['inputObject', 'x'.repeat(851), 'inputObject must be at most 850 characters'],
    ['inputObject', '\u007f', 'inputObject must not contain control characters'],
    ['orderByTime', 'Asc', null],
    ['orderByTime', 'ASC', 'orderByTime must be Desc or Asc'],
    ['nextToken', 'a=b.c:d+e/f~g_h-i', null],
    ['nextToken', 'x'.repeat(512), null],
    ['nextToken', 'x'.repeat(513), 'nextToken must be the NextToken of a previous page'],
    ['nextToken', 'a b', 'nextToken must be the NextToken'],
    ['size', '1', null],
    ['size', '100', null],
    ['size', '001', null],
    ['size', '0100', 'size must be an integer between 1 and 100'],
    ['size', '-1', 'size must be an integer between 1 and 100'],
    ['size', ' 10', 'size must be an integer between 1 and 100'],
    ['size', '10.0', 'size must be an integer between 1 and 100'],
    ['states', 'All', null],
    ['states', ' Success , Failed ', null],
    ['states', 'Done', 'states must be a comma-separated list of All, '],
    ['states', 'Success,,Failed', '"" is not one'],
    ['states', 'Success,Bogus', '"Bogus" is not one'],
    ['startCreationTime', '2024-01-01T00:00:00.123-05:30', null],
    ['startCreationTime', '2024-01-01T00:00:00Z', null],
    ['startCreationTime', '2024-01-01T00:00:00+1500', 'startCreationTime must be a date-time like'],
    ['startCreationTime', '2024-01-01T00:00:00+0860', 'startCreationTime must be a date-time like'],
    ['endCreationTime', '2024-01-01 00:00:00+0800', 'endCreationTime must be a date-time like'],
  ];

  it.each(CASES)('%s=%j → %s', (name, value, message) => {
    const answer = verdict(name, value);
    if (message === null) expect(answer).toBeNull();
    else {
      expect(answer?.field).toBe(name);
      expect(answer?.message).toContain(message);
    }
  });

  it('compares the creation range as instants, across offsets', () => {
    const range = (start: string, end: string) =>
      listJobsError([
        ['tag', 'Transcode'],
        ['startCreationTime', start],
        ['endCreationTime', end],
      ]);
    // 08:00+0800 is midnight UTC: the same instant is a valid (empty) range.
    expect(range('2024-01-01T08:00:00+0800', '2024-01-01T00:00:00Z')).toBeNull();
    expect(range('2024-01-01T08:00:01+0800', '2024-01-01T00:00:00Z')).toEqual({
      field: 'endCreationTime',
      message: 'endCreationTime must not be earlier than startCreationTime',
    });
    // A bad bound is named itself, not as a bad range.
    expect(range('2024-02-30T00:00:00Z', '2024-01-01T00:00:00Z')?.field).toBe('startCreationTime');
  });
});
