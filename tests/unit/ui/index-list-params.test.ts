/** The list's filters only the job index answers (error code, contains) and how their pages are asked. */
import { describe, expect, it } from 'vitest';

import { describeIndexSource, overviewQuery } from '@/features/index/index-api';
import { indexStatusText } from '@/features/shell/health-api';
import { codeJobsQuery } from '@/features/triage/use-index-failures';
import { isIndexQuery, pageQuery, validateView } from '@/lib/jobs-search-params';

import { jobsView as view } from '../../support/jobs-view';

describe('error code and contains in the list view', () => {
  it('adds code and q to the query, which then pages with the index cursor', () => {
    const r = validateView(view({ codes: '30010001,30020003', q: 'movie', states: ['Failed'] }));
    expect(r.issues).toEqual([]);
    const search = new URLSearchParams(r.query!);
    expect(search.get('code')).toBe('30010001,30020003');
    expect(search.get('q')).toBe('movie');
    expect(search.get('tag')).toBe('Transcode');
    expect(isIndexQuery(r.query!)).toBe(true);
    expect(pageQuery(r.query!, '1764576000000.j1')).toMatch(/&cursor=1764576000000\.j1$/);
  });

  it('asks every tag of the index as tag=all (not /api/jobs/all)', () => {
    const r = validateView(view({ tag: 'all', q: 'movie' }));
    expect(new URLSearchParams(r.query!).get('tag')).toBe('all');
    // Without an index filter every tag is still the merged CI list, without tag.
    expect(new URLSearchParams(validateView(view({ tag: 'all' })).query!).has('tag')).toBe(false);
  });

  it('names a bad code, a short contains and a CI-only filter beside them, and asks nothing', () => {
    const bad = validateView(view({ codes: 'a b', q: 'ab', trigger: 'b123' }));
    expect(bad.query).toBeNull();
    expect(bad.issues.map((i) => i.key).sort()).toEqual(['codes', 'q', 'trigger']);
    expect(bad.issues.find((i) => i.key === 'q')!.message).toMatch(/at least 3 characters/);
    expect(bad.issues.find((i) => i.key === 'codes')!.message).toMatch(/"a b" is not one/);
  });

  it('takes only index cursors as page tokens of an index list', () => {
    expect(validateView(view({ q: 'movie', tokens: ['1764576000000.j1'], page: '2' })).issues).toEqual([]);
    const r = validateView(view({ q: 'movie', tokens: ['not a cursor'], page: '2' }));
    expect(r.issues.map((i) => i.key)).toEqual(['tokens']);
  });
});

describe('index requests of the overview and triage', () => {
  it('asks /api/overview without order and size, every tag as all, with the zone', () => {
    const { query } = validateView(view({ tag: 'all', from: '2026-11-24T08:00:00Z' }));
    const search = new URLSearchParams(overviewQuery(query!, 'cst'));
    expect(search.get('tag')).toBe('all');
    expect(search.has('orderByTime')).toBe(false);
    expect(search.has('size')).toBe(false);
    expect(search.get('timeZone')).toBe('+08:00');
    expect(search.get('startCreationTime')).toBe('2026-11-24T08:00:00Z');
  });

  it('lists one code’s failed jobs from the index', () => {
    const { query } = validateView(view({ states: ['Failed'] }));
    const search = new URLSearchParams(codeJobsQuery(query!, 'E1'));
    expect(Object.fromEntries(search)).toMatchObject({ code: 'E1', source: 'index', states: 'Failed', size: '100' });
  });

  it('says how fresh an index answer is', () => {
    const meta = { asOf: '2026-12-01T10:00:00.000Z', index: { state: 'live', lagSeconds: 0, oldest: null } };
    expect(describeIndexSource(meta, Date.parse('2026-12-01T10:00:03Z'))).toBe('index, 3 s ago');
    expect(
      describeIndexSource({ ...meta, index: { ...meta.index, state: 'behind' } }, Date.parse('2026-12-01T10:05:00Z')),
    ).toBe('index (behind), 5 min ago');
  });
});

describe('the header’s index state', () => {
  const base = { jobs: 10, lagSeconds: 1, oldest: null, newest: null, ciCallsLastHour: 0 };
  it('says how far a backfill is, that the index is behind, and nothing when live or off', () => {
    expect(indexStatusText({ ...base, state: 'backfilling', backfillPercent: 42 })).toBe('indexing 42 %…');
    expect(indexStatusText({ ...base, state: 'behind', lagSeconds: 31.6 })).toBe('index behind (32 s)');
    expect(indexStatusText({ ...base, state: 'live' })).toBeNull();
    expect(indexStatusText({ ...base, state: 'off' })).toBeNull();
    expect(indexStatusText(undefined)).toBeNull();
  });
});
