import { describe, expect, it } from 'vitest';

import {
  activeFilters,
  currentToken,
  pageOf,
  parseSort,
  popToken,
  pushToken,
  serializeSort,
  validateView,
} from '@/lib/jobs-search-params';

import { jobsView } from '../../support/jobs-view';

const view = jobsView;

describe('validateView', () => {
  it('builds the GET /jobs query of a valid view, in CI names and order', () => {
    const r = validateView(
      view({
        states: ['Failed', 'Running'],
        queue: 'p1234',
        input: 'a b/c.mp4',
        from: '2026-11-24T08:00:00Z',
        order: 'asc',
        size: '50',
      }),
    );
    expect(r.issues).toEqual([]);
    const q = new URLSearchParams(r.query!);
    expect([...q.keys()]).toEqual([
      'queueId',
      'tag',
      'inputObject',
      'orderByTime',
      'size',
      'states',
      'startCreationTime',
    ]);
    expect(q.get('states')).toBe('Failed,Running');
    expect(q.get('orderByTime')).toBe('Asc');
    expect(q.get('inputObject')).toBe('a b/c.mp4');
  });

  it('reports a bogus state with its field and requests nothing', () => {
    const r = validateView(view({ states: ['Bogus'] }));
    expect(r.query).toBeNull();
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ key: 'states', label: 'States', value: 'Bogus' });
    expect(r.issues[0]!.message).toContain('"Bogus" is not one');
  });

  it('reports a page size out of range', () => {
    const r = validateView(view({ size: '999' }));
    expect(r.query).toBeNull();
    expect(r.issues[0]).toMatchObject({ key: 'size', value: '999' });
    expect(r.issues[0]!.message).toContain('between 1 and 100');
  });

  it('reports an unknown tag, order and range, every one at once', () => {
    const r = validateView(view({ tag: 'Nope', order: 'sideways', range: '3w' }));
    expect(r.issues.map((i) => i.key).sort()).toEqual(['order', 'range', 'tag']);
  });

  it('reports a time range that ends before it starts', () => {
    const r = validateView(view({ from: '2026-11-25T00:00:00Z', to: '2026-11-24T00:00:00Z' }));
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]!.key).toBe('to');
  });

  it('checks that the page number matches the token stack', () => {
    expect(validateView(view({ page: '3', tokens: ['a', 'b'] })).issues).toEqual([]);
    expect(validateView(view({ page: '3' })).issues[0]).toMatchObject({ key: 'page' });
    expect(validateView(view({ tokens: ['bad token!'] })).issues[0]).toMatchObject({ key: 'tokens' });
  });

  it('does not block the list for a bad sort or job, but reports them', () => {
    const r = validateView(view({ sort: 'colour', job: 'x y' }));
    expect(r.query).not.toBeNull();
    expect(r.issues.map((i) => i.key).sort()).toEqual(['job', 'sort']);
  });
});

describe('token stack', () => {
  it('pushes and pops NextTokens; the page number follows', () => {
    let tokens: string[] = [];
    expect(pageOf(tokens)).toBe(1);
    expect(currentToken(tokens)).toBeUndefined();
    tokens = pushToken(tokens, 'a');
    tokens = pushToken(tokens, 'b');
    expect(pageOf(tokens)).toBe(3);
    expect(currentToken(tokens)).toBe('b');
    tokens = popToken(tokens);
    expect(tokens).toEqual(['a']);
    expect(pageOf(popToken(tokens))).toBe(1);
  });
});

describe('sort and active filters', () => {
  it('parses and serialises the sort of the loaded rows', () => {
    expect(parseSort('-progress')).toEqual({ id: 'progress', desc: true });
    expect(parseSort('created')).toEqual({ id: 'created', desc: false });
    expect(parseSort('nope')).toBeNull();
    expect(serializeSort({ id: 'progress', desc: true })).toBe('-progress');
    expect(serializeSort(null)).toBe('');
  });
  it('lists what the operator filtered by', () => {
    expect(activeFilters(view({ states: ['Failed'], input: 'x.mp4' }))).toEqual([
      { key: 'states', label: 'States', value: 'Failed' },
      { key: 'input', label: 'Input object', value: 'x.mp4' },
    ]);
  });
});

describe('labelForApiField', () => {
  it('names refused API parameters as the filters bar does', async () => {
    const { labelForApiField } = await import('@/lib/jobs-search-params');
    expect(labelForApiField('queueId')).toBe('Queue');
    expect(labelForApiField('startCreationTime')).toBe('Created from');
    expect(labelForApiField('nextToken')).toBe('Page tokens');
    expect(labelForApiField('other')).toBe('other');
  });
});

describe('all tags (tag=all)', async () => {
  const { ALL_TAGS, isAllTagsQuery, pageQuery } = await import('@/lib/jobs-search-params');
  it('builds a query without tag, checked by the same rules, paged by cursor', () => {
    const { query, issues } = validateView(view({ tag: ALL_TAGS, states: ['Failed'], size: '50' }));
    expect(issues).toEqual([]);
    expect(query).toBe('orderByTime=Desc&size=50&states=Failed');
    expect(isAllTagsQuery(query!)).toBe(true);
    expect(pageQuery(query!, 'abc_-')).toBe('orderByTime=Desc&size=50&states=Failed&cursor=abc_-');
    expect(pageQuery('tag=Transcode&size=5', 'a b')).toBe('tag=Transcode&size=5&nextToken=a%20b');
    expect(validateView(view({ tag: ALL_TAGS, queue: 'bad queue!' })).issues.map((i) => i.key)).toEqual(['queue']);
  });
  it('refuses a token that is not a cursor', () => {
    const { issues } = validateView(view({ tag: ALL_TAGS, tokens: ['a=b'], page: '2' }));
    expect(issues.map((i) => i.key)).toEqual(['tokens']);
  });
  it('names "all" when the tag is unknown', () => {
    expect(validateView(view({ tag: 'Nope' })).issues[0]!.message).toContain('"all"');
  });
});
