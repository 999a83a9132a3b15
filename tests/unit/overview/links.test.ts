import { describe, expect, it } from 'vitest';

import { defaultScopeHref, describeScope, scopeHref, scopeOf, timePatch } from '@/features/overview/links';
import { validateView, type JobsView } from '@/lib/jobs-search-params';

import { jobsView } from '../../support/jobs-view';

const view = jobsView({
  tag: 'all',
  range: '24h',
  from: '2026-11-24T10:00:00Z',
  order: 'asc',
  size: '50',
  page: '2',
  tokens: ['abc'],
  job: 'j1',
  sort: '-created',
});

describe('scope links', () => {
  it('carry the filters, not the paging, sorting or open job', () => {
    const href = scopeHref('/jobs', scopeOf(view), { states: ['Failed'] });
    const search = new URL(href, 'http://x').searchParams;
    expect(Object.fromEntries(search)).toEqual({
      tag: 'all',
      states: 'Failed',
      range: '24h',
      from: '2026-11-24T10:00:00Z',
    });
  });

  it('an hour bar opens exactly that hour, as a list query the API accepts', () => {
    const start = Date.parse('2026-11-25T03:00:00Z');
    const href = scopeHref('/jobs', scopeOf(view), { ...timePatch(start, start + 3_599_000), states: ['Success'] });
    const search = new URL(href, 'http://x').searchParams;
    expect(search.get('range')).toBe('custom');
    expect(search.get('from')).toBe('2026-11-25T03:00:00Z');
    expect(search.get('to')).toBe('2026-11-25T03:59:59Z');
    const linked = { ...view, ...Object.fromEntries(search), states: ['Success'], tokens: [], page: '' } as JobsView;
    const { query, issues } = validateView(linked);
    expect(issues).toEqual([]);
    expect(query).toContain('startCreationTime=2026-11-25T03%3A00%3A00Z');
  });

  it('extra keys (triage code) are added', () => {
    expect(scopeHref('/triage', scopeOf(view), { states: null }, { code: 'InvalidInput' })).toContain(
      'code=InvalidInput',
    );
  });

  it('describes the scope in words', () => {
    expect(describeScope({ ...view, queue: 'p1' })).toBe(
      'All tags · Queue p1 · Created last 24 h · Created from 2026-11-24T10:00:00Z',
    );
    expect(describeScope({ ...view, tag: 'Transcode', range: 'custom', to: '2026-11-25T10:00:00Z' })).toBe(
      'Tag Transcode · Created from 2026-11-24T10:00:00Z · Created until 2026-11-25T10:00:00Z',
    );
  });
});

describe('defaultScopeHref', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  it('writes every tag and the last 24 h into a link without filters, keeping other keys', () => {
    expect(defaultScopeHref('/overview', {}, now)).toBe('/overview?tag=all&range=24h&from=2026-11-24T12%3A00%3A00Z');
    expect(defaultScopeHref('/triage', { code: 'InvalidInput' }, now)).toBe(
      '/triage?code=InvalidInput&tag=all&range=24h&from=2026-11-24T12%3A00%3A00Z',
    );
  });
  it('leaves a link with any filter alone', () => {
    expect(defaultScopeHref('/overview', { tag: 'Transcode' }, now)).toBeNull();
    expect(defaultScopeHref('/overview', { states: 'Failed' }, now)).toBeNull();
  });
});
