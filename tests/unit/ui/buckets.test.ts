/** The bucket in the browser's URLs: the /jobs view, the find box, the switcher, the fetchers' paths. */
import { describe, expect, it } from 'vitest';

import { bucketSwitchHref } from '@/features/buckets/bucket-switch';
import { classifyFind, findLinks } from '@/features/find-job/find-job';
import { withBucket } from '@/lib/bucket-param';
import { validateView } from '@/lib/jobs-search-params';

import { jobsView } from '../../support/jobs-view';
import { containing } from '../../support/matchers';

const view = jobsView();
const BUCKETS = ['demo-1250000000', 'media-1250000001'];
const ID = 'j0123456789abcdef0123456789abcdef';

describe('validateView and the bucket', () => {
  it('puts a named bucket into the /api/jobs query (and so into the query key); the default adds nothing', () => {
    expect(validateView(view, BUCKETS).query).toBe('tag=Transcode&orderByTime=Desc&size=20');
    expect(validateView({ ...view, bucket: 'media-1250000001' }, BUCKETS).query).toBe(
      'bucket=media-1250000001&tag=Transcode&orderByTime=Desc&size=20',
    );
  });

  it('reports an unknown bucket naming the field and the choices, and requests nothing', () => {
    const { query, issues } = validateView({ ...view, bucket: 'nope-1250000000' }, BUCKETS);
    expect(query).toBeNull();
    expect(issues).toEqual([
      expect.objectContaining({
        key: 'bucket',
        label: 'Bucket',
        value: 'nope-1250000000',
        message: containing('demo-1250000000, media-1250000001'),
      }),
    ]);
  });

  it('without the list (a view built by hand), takes the bucket as given', () => {
    expect(validateView({ ...view, bucket: 'x-1250000000' }).query).toMatch(/^bucket=x-1250000000&/);
  });
});

describe('links carry the bucket', () => {
  it('withBucket adds it to a path with or without a query; the default adds nothing', () => {
    expect(withBucket('/api/queues', '')).toBe('/api/queues');
    expect(withBucket('/api/queues', 'media-1250000001')).toBe('/api/queues?bucket=media-1250000001');
    expect(withBucket('/api/health?x=1', 'b-1')).toBe('/api/health?x=1&bucket=b-1');
  });

  it('the find box keeps the bucket for one job, several, and list filters', () => {
    const href = (text: string, tag: string, bucket?: string) =>
      findLinks(classifyFind(text), { tag, bucket, index: false })!;
    expect(href(ID, 'Transcode', 'media-1250000001').all.href).toBe(`/jobs/${ID}?bucket=media-1250000001`);
    expect(href(`${ID},${ID.replace('j0', 'j1')}`, 'Transcode', 'media-1250000001').all.href).toMatch(
      /^\/jobs\/lookup\?ids=.*&bucket=media-1250000001$/,
    );
    expect(href('movies/a.mp4', 'Snapshot', 'media-1250000001').here!.href).toBe(
      '/jobs?bucket=media-1250000001&tag=Snapshot&input=movies%2Fa.mp4',
    );
    expect(href('movies/a.mp4', 'Snapshot', 'media-1250000001').all.href).toMatch(
      /^\/jobs\?bucket=media-1250000001&tag=all&/,
    );
    expect(href(ID, 'Transcode').all.href).toBe(`/jobs/${ID}`);
  });
});

describe('bucketSwitchHref', () => {
  it('on the list keeps the filters and drops what belongs to the old bucket', () => {
    const search = new URLSearchParams(
      'tag=Snapshot&states=Failed&queue=p1&workflow=w1&trigger=b1&page=3&tokens=a,b&job=' +
        ID +
        '&sort=-created&bucket=demo-1250000000',
    );
    const href = bucketSwitchHref('/jobs', search, 'media-1250000001');
    const next = new URLSearchParams(href.slice('/jobs?'.length));
    expect(href.startsWith('/jobs?')).toBe(true);
    expect(Object.fromEntries(next)).toEqual({
      tag: 'Snapshot',
      states: 'Failed',
      sort: '-created',
      bucket: 'media-1250000001',
    });
  });

  it('keeps the lookup’s IDs, and sends a job page to the other bucket’s list', () => {
    expect(bucketSwitchHref('/jobs/lookup', new URLSearchParams(`ids=${ID}`), 'media-1250000001')).toBe(
      `/jobs/lookup?ids=${ID}&bucket=media-1250000001`,
    );
    expect(bucketSwitchHref(`/jobs/${ID}`, new URLSearchParams(), 'media-1250000001')).toBe(
      '/jobs?bucket=media-1250000001',
    );
  });
});

describe('bucketSwitchHref on the whole-set pages', () => {
  it('stays on the overview or triage, with their filters', () => {
    expect(
      bucketSwitchHref(
        '/overview',
        new URLSearchParams('tag=all&range=24h&from=2026-11-24T10:00:00Z&queue=p1'),
        'media-1250000001',
      ),
    ).toBe('/overview?tag=all&range=24h&from=2026-11-24T10%3A00%3A00Z&bucket=media-1250000001');
    expect(bucketSwitchHref('/triage', new URLSearchParams('tag=all&code=InvalidInput'), 'media-1250000001')).toBe(
      '/triage?tag=all&code=InvalidInput&bucket=media-1250000001',
    );
  });
});

describe('sectionHref (the header’s Jobs · Overview · Triage)', async () => {
  const { sectionHref } = await import('@/features/shell/section-links');
  const search = new URLSearchParams(
    'bucket=media-1250000001&tag=Snapshot&states=Running&range=1h&from=2026-11-25T10:00:00Z&page=2&tokens=a&job=' +
      ID +
      '&sort=-created',
  );
  it('carries the filters and bucket between the list, the overview and triage, not the paging or open job', () => {
    expect(Object.fromEntries(new URLSearchParams(sectionHref('overview', '/jobs', search).split('?')[1]))).toEqual({
      bucket: 'media-1250000001',
      tag: 'Snapshot',
      states: 'Running',
      range: '1h',
      from: '2026-11-25T10:00:00Z',
    });
    expect(sectionHref('jobs', '/jobs', new URLSearchParams())).toBe('/jobs');
  });
  it('from triage, the other sections show the failed jobs; elsewhere only the bucket goes along', () => {
    expect(sectionHref('jobs', '/triage', new URLSearchParams('tag=all&code=X'))).toBe('/jobs?tag=all&states=Failed');
    expect(sectionHref('triage', '/triage', new URLSearchParams('tag=all&code=X'))).toBe('/triage?tag=all');
    expect(sectionHref('overview', `/jobs/${ID}`, new URLSearchParams('bucket=b-1250000000&tag=x'))).toBe(
      '/overview?bucket=b-1250000000',
    );
  });
});
