import { describe, expect, it } from 'vitest';

import { classifyFind, findHref } from '@/features/find-job/find-job';

const J1 = 'j8d121820f5e411ec926ef19d53ba9c6f';
const J2 = 'j9c0a4726f6ac11ec96aaa9b64ab18d00';

describe('the find box', () => {
  it('recognises one or several job IDs, however they are separated', () => {
    expect(classifyFind(`  ${J1} `)).toEqual({ kind: 'jobs', ids: [J1] });
    expect(classifyFind(`${J1}, ${J2}\n${J1}`)).toEqual({ kind: 'jobs', ids: [J1, J2] });
  });

  it('recognises workflow and batch IDs', () => {
    expect(classifyFind('w0123456789abcdef0123456789abcdef')).toEqual({
      kind: 'workflow',
      id: 'w0123456789abcdef0123456789abcdef',
    });
    expect(classifyFind('b0123456789abcdef0123456789abcdef').kind).toBe('batch');
  });

  it('takes anything else as an exact input object key, inner spaces kept', () => {
    expect(classifyFind(' input/my demo 视频.mp4 ')).toEqual({ kind: 'inputObject', key: 'input/my demo 视频.mp4' });
    expect(classifyFind('/input/a.mp4')).toEqual({ kind: 'inputObject', key: 'input/a.mp4' });
    expect(classifyFind(`${J1} notanid`).kind).toBe('inputObject');
    expect(classifyFind('   ').kind).toBe('empty');
  });

  it('takes the operator to the job, the lookup page, or the filtered list', () => {
    expect(findHref(classifyFind(J1), 'Snapshot')).toBe(`/jobs/${J1}`);
    expect(findHref(classifyFind(`${J1} ${J2}`), 'Snapshot')).toBe(`/jobs/lookup?ids=${J1}%2C${J2}`);
    expect(findHref(classifyFind('a b+c.mp4'), 'Snapshot')).toBe('/jobs?tag=Snapshot&input=a+b%2Bc.mp4');
    expect(findHref(classifyFind('w0123456789abcdef0123456789abcdef'), 'Transcode')).toBe(
      '/jobs?tag=Transcode&workflow=w0123456789abcdef0123456789abcdef',
    );
  });
});
