import { describe, expect, it } from 'vitest';

import { classifyFind, findLinks } from '@/features/find-job/find-job';
import { showsFind } from '@/features/find-job/last-find';
import { jobsSearchParams, validateView, type JobsView } from '@/lib/jobs-search-params';

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

  it('takes the operator to the job or the lookup page, whatever the tag', () => {
    const opts = { tag: 'Snapshot', index: false };
    expect(findLinks(classifyFind(J1), opts)?.all.href).toBe(`/jobs/${J1}`);
    expect(findLinks(classifyFind(J1), opts)?.here).toBeNull();
    expect(findLinks(classifyFind(`${J1} ${J2}`), opts)?.all.href).toBe(`/jobs/lookup?ids=${J1}%2C${J2}`);
    expect(findLinks(classifyFind(J1), { ...opts, bucket: 'b-1' })?.all.href).toBe(`/jobs/${J1}?bucket=b-1`);
    expect(findLinks(classifyFind(' '), opts)).toBeNull();
  });

  it('searches an input key in every tag: one index query when the index answers', () => {
    const links = findLinks(classifyFind('in/a b+c.mp4'), { tag: 'Transcode', index: true })!;
    expect(links.all.href).toBe('/jobs?tag=all&q=in%2Fa+b%2Bc.mp4');
    expect(links.all.scope).toBe('all tags · index');
    expect(links.here?.href).toBe('/jobs?tag=Transcode&q=in%2Fa+b%2Bc.mp4');
    expect(links.here?.scope).toBe('Transcode · index');
    // Too short (or too long) for the index's "contains": CI's exact match over every tag instead.
    expect(findLinks(classifyFind('ab'), { tag: 'Transcode', index: true })!.all.href).toBe(
      '/jobs?tag=all&input=ab&range=30d',
    );
    expect(findLinks(classifyFind('x'.repeat(201)), { tag: 'Transcode', index: true })!.all.scope).toBe(
      'all tags · CI, last 30 days',
    );
  });

  it('without the index, asks CI for every tag over the last 30 days, exactly, and offers the tag on screen', () => {
    const links = findLinks(classifyFind('in/a.mp4'), { tag: 'MediaInfo', bucket: 'b-1', index: false })!;
    expect(links.all.href).toBe('/jobs?bucket=b-1&tag=all&input=in%2Fa.mp4&range=30d');
    expect(links.all.scope).toBe('all tags · CI, last 30 days');
    expect(links.all.what).toMatch(/exactly/);
    expect(links.here?.href).toBe('/jobs?bucket=b-1&tag=MediaInfo&input=in%2Fa.mp4');
    expect(links.here?.scope).toBe('MediaInfo · CI');
    // Already every tag, or a page without a tag: nothing narrower to offer.
    expect(findLinks(classifyFind('in/a.mp4'), { tag: 'all', index: false })!.here).toBeNull();
    expect(findLinks(classifyFind('in/a.mp4'), { tag: null, index: true })!.here).toBeNull();
  });

  it('finds workflow and batch jobs in every tag too', () => {
    const w = findLinks(classifyFind('w0123456789abcdef0123456789abcdef'), { tag: 'Transcode', index: true })!;
    expect(w.all.href).toBe('/jobs?tag=all&workflow=w0123456789abcdef0123456789abcdef&range=30d');
    expect(w.here?.href).toBe('/jobs?tag=Transcode&workflow=w0123456789abcdef0123456789abcdef');
    const b = findLinks(classifyFind('b0123456789abcdef0123456789abcdef'), { tag: 'Transcode', index: false })!;
    expect(b.all.match).toEqual({ tag: 'all', trigger: 'b0123456789abcdef0123456789abcdef' });
  });

  it('the note on the list recognises its search by the keys it set, whatever the list added', () => {
    const { all } = findLinks(classifyFind('in/a.mp4'), { tag: 'Transcode', index: false })!;
    expect(showsFind(all, new URLSearchParams('tag=all&input=in%2Fa.mp4&range=30d&from=2026-11-01T00:00:00Z'))).toBe(
      true,
    );
    expect(showsFind(all, new URLSearchParams('tag=Transcode&input=in%2Fa.mp4'))).toBe(false);
    expect(showsFind(all, new URLSearchParams('tag=all&input=in%2Fb.mp4'))).toBe(false);
  });

  it('every link it makes is a list view without issues', () => {
    for (const index of [true, false]) {
      for (const text of ['in/视频 a.mp4', 'w0123456789abcdef0123456789abcdef', 'b0123456789abcdef0123456789abcdef']) {
        const links = findLinks(classifyFind(text), { tag: 'Transcode', index })!;
        for (const link of [links.all, links.here!]) {
          const search = new URL(link.href, 'http://x').searchParams;
          const view = Object.fromEntries(
            Object.entries(jobsSearchParams).map(([k, p]) => [k, p.parseServerSide(search.get(k) ?? undefined)]),
          ) as JobsView;
          expect(validateView(view).issues).toEqual([]);
        }
      }
    }
  });
});
