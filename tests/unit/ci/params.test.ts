import { describe, expect, it } from 'vitest';

import { formatCiTime, parseListJobsQuery, toCiQuery, toCiTime } from '@/lib/ci/params';

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
