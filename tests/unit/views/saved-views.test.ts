/** Saved views: the canonical query, the built-ins, and the checks the browser and PUT /api/views share. */
import { describe, expect, it } from 'vitest';

import { validateView } from '@/lib/jobs-search-params';
import {
  BUILT_IN_VIEWS,
  canonicalViewQuery,
  checkViewName,
  checkViewQuery,
  MAX_QUERY_LENGTH,
  MAX_VIEWS_PER_USER,
  parseViewInput,
  removeView,
  sanitizeViews,
  stateForView,
  upsertView,
  viewMatches,
  viewState,
} from '@/lib/saved-views';

import { containing } from '../../support/matchers';

describe('canonicalViewQuery', () => {
  it('keeps the view keys in one order, drops defaults and position, and always names the tag', () => {
    expect(canonicalViewQuery('page=3&tokens=a,b&job=j1&sort=-progress&states=Failed,Running&order=desc&size=20')).toBe(
      'tag=Transcode&states=Failed%2CRunning&sort=-progress',
    );
    expect(canonicalViewQuery('states=Failed&tag=Snapshot')).toBe(canonicalViewQuery('tag=Snapshot&states=Failed'));
    expect(canonicalViewQuery('tag=Snapshot', { withoutTag: true })).toBe('');
  });

  it('drops the instants a preset range was anchored to, but keeps a custom range', () => {
    expect(canonicalViewQuery('range=1h&from=2026-11-25T10:00:00Z')).toBe('tag=Transcode&range=1h');
    expect(canonicalViewQuery('range=custom&from=2026-11-25T10:00:00Z&to=2026-11-25T11:00:00Z')).toBe(
      'tag=Transcode&range=custom&from=2026-11-25T10%3A00%3A00Z&to=2026-11-25T11%3A00%3A00Z',
    );
  });
});

describe('built-in views', () => {
  it('are valid /jobs views with unique names', () => {
    expect(new Set(BUILT_IN_VIEWS.map((v) => v.name.toLowerCase())).size).toBe(BUILT_IN_VIEWS.length);
    for (const v of BUILT_IN_VIEWS) {
      expect(checkViewQuery(v.query), v.name).toBeNull();
      expect(validateView(viewState(v.query)).issues, v.name).toEqual([]);
    }
    expect(BUILT_IN_VIEWS.find((v) => v.name === 'Failed, last hour')!.query).toBe('states=Failed&range=1h');
  });

  it('apply to the tag on screen and match on any tag; a saved view keeps its own tag', () => {
    const failed = BUILT_IN_VIEWS.find((v) => v.name === 'Failed, last hour')!;
    const state = stateForView(failed, true, 'Snapshot');
    expect(state).toMatchObject({
      tag: 'Snapshot',
      states: ['Failed'],
      range: '1h',
      from: '',
      page: '',
      tokens: [],
      job: '',
    });
    // Anchored by the page (from=…) and opened on page 2 with a job: still the same view.
    const onScreen = { ...state, from: '2026-11-25T10:00:00Z', tokens: ['t1'], page: '2', job: 'j1' };
    expect(viewMatches(onScreen, failed, true)).toBe(true);
    expect(viewMatches({ ...onScreen, states: ['Failed', 'Running'] }, failed, true)).toBe(false);

    const mine = { name: 'Snapshots failing', query: canonicalViewQuery('tag=Snapshot&states=Failed') };
    expect(stateForView(mine, false, 'Transcode').tag).toBe('Snapshot');
    expect(viewMatches({ ...state, tag: 'Snapshot', range: '', from: '' }, mine, false)).toBe(true);
    expect(viewMatches({ ...state, tag: 'Transcode', range: '', from: '' }, mine, false)).toBe(false);
  });
});

describe('checks', () => {
  it('name: 1–60 characters after trimming, no control characters, not a built-in', () => {
    expect(checkViewName('My failures')).toBeNull();
    expect(checkViewName('x'.repeat(60))).toBeNull();
    expect(checkViewName('x'.repeat(61))).toMatchObject({ field: 'name', message: containing('1–60') });
    expect(checkViewName('   ')).toMatchObject({ field: 'name' });
    expect(checkViewName(42)).toMatchObject({ field: 'name' });
    expect(checkViewName('a\u0007b')).toMatchObject({ field: 'name', message: containing('control') });
    // Half a surrogate pair could be saved but never named again in DELETE ?name=… (it has no UTF-8).
    for (const lone of ['a\uD800', '\uDC00b', 'x\uDBFFy']) {
      expect(checkViewName(lone)).toMatchObject({ field: 'name', message: containing('valid Unicode') });
    }
    expect(checkViewName('视频 🎬 failures')).toBeNull();
    expect(checkViewName(' failed, LAST hour ')).toMatchObject({
      field: 'name',
      message: containing('built-in'),
    });
  });

  it('query: what the /jobs URL accepts, naming the field and the rule', () => {
    expect(checkViewQuery('tag=Snapshot&states=Failed&range=24h&sort=-created')).toBeNull();
    expect(checkViewQuery('?states=Failed')).toBeNull();
    expect(checkViewQuery('')).toBeNull();
    expect(checkViewQuery('states=Bogus')?.message).toMatch(/^States: /);
    expect(checkViewQuery('tag=Nope')?.message).toMatch(/^Tag: .*not a job tag/);
    expect(checkViewQuery('size=999')?.message).toMatch(/^Page size: /);
    expect(checkViewQuery('sort=sideways')?.message).toMatch(/^Sort: /);
    expect(checkViewQuery('range=2h')?.message).toMatch(/^Created: /);
    expect(checkViewQuery('evil=1')?.message).toContain('"evil" is not a /jobs parameter');
    expect(checkViewQuery('states=Failed&states=Running')?.message).toContain('more than once');
    expect(checkViewQuery('tokens=abc')?.message).toContain('not part of a view');
    expect(checkViewQuery('job=j1')?.message).toContain('not part of a view');
    expect(checkViewQuery(`input=${'a'.repeat(MAX_QUERY_LENGTH)}`)?.message).toContain(`at most ${MAX_QUERY_LENGTH}`);
    expect(checkViewQuery(['states=Failed'])).toMatchObject({ field: 'query' });
  });

  it('parseViewInput: an object with both; stores the trimmed name and the canonical query', () => {
    expect(parseViewInput({ name: ' Mine ', query: '?states=Failed&order=desc' })).toEqual({
      ok: true,
      view: { name: 'Mine', query: 'tag=Transcode&states=Failed' },
    });
    expect(parseViewInput(null)).toMatchObject({ ok: false, problem: { field: 'body' } });
    expect(parseViewInput([])).toMatchObject({ ok: false, problem: { field: 'body' } });
    expect(parseViewInput({ query: 'states=Failed' })).toMatchObject({ ok: false, problem: { field: 'name' } });
    expect(parseViewInput({ name: 'x', query: 'states=Nope' })).toMatchObject({
      ok: false,
      problem: { field: 'query' },
    });
  });
});

describe('lists of views', () => {
  const v = (name: string, query = 'tag=Transcode') => ({ name, query });

  it('replace by name ignoring case, keep the order, refuse the 101st', () => {
    const list = upsertView([v('A'), v('B')], v('a', 'tag=Snapshot'));
    expect(list).toEqual([v('a', 'tag=Snapshot'), v('B')]);
    const full = Array.from({ length: MAX_VIEWS_PER_USER }, (_, i) => v(`v${i}`));
    expect(upsertView(full, v('one more'))).toMatchObject({
      field: 'name',
      message: containing('delete one'),
    });
    expect(Array.isArray(upsertView(full, v('V7', 'tag=Snapshot')))).toBe(true);
    expect(removeView([v('A'), v('B')], ' a ')).toEqual([v('B')]);
  });

  it('sanitize drops malformed, invalid and duplicate entries', () => {
    expect(sanitizeViews('nope')).toEqual([]);
    expect(sanitizeViews([v('ok'), { name: 'bad', query: 'states=Nope' }, { name: 1 }, v('OK'), null])).toEqual([
      v('ok'),
    ]);
  });
});
