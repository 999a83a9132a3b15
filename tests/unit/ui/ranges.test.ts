import { createLoader } from 'nuqs/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { listJobsError } from '@/lib/ci/params';
import { jobsSearchParams, validateView } from '@/lib/jobs-search-params';
import {
  customBoundError,
  findPreset,
  presetWindow,
  rangeStatus,
  rangeSummary,
  STALE_SHARE,
  startOfDay,
} from '@/lib/ranges';

import { jobsView } from '../../support/jobs-view';

const H = 3_600_000;
const D = 24 * H;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe('stale relative ranges', () => {
  const now = Date.parse('2026-12-01T09:09:00Z');
  const day = (from: number, to = '') => ({ range: '24h', from: iso(from), to });

  it('keeps a fresh span preset under its label, up to 5 % of the span past it', () => {
    expect(rangeStatus(day(now - D), now, 'utc').stale).toBe(false);
    expect(rangeStatus(day(now - D - 72 * 60_000), now, 'utc').stale).toBe(false);
    expect(rangeSummary(day(now - D - 60 * 60_000), now, 'utc')).toBe('Last 24 h');
    expect(STALE_SHARE).toBe(0.05);
  });

  it('calls a span anchored six days ago stale and says the window it lists, in the chosen zone', () => {
    const link = day(Date.parse('2026-11-25T09:09:00Z'));
    expect(rangeStatus(link, now, 'utc').stale).toBe(true);
    expect(rangeSummary(link, now, 'cst')).toBe('since 11-25 17:09');
    expect(rangeSummary(link, now, 'utc')).toBe('since 11-25 09:09');
    // Past 5 % of one hour (3 min), "Last 1 h" says so too.
    expect(rangeStatus({ range: '1h', from: iso(now - H - 4 * 60_000), to: '' }, now, 'utc').stale).toBe(true);
    expect(rangeStatus({ range: '1h', from: iso(now - H - 2 * 60_000), to: '' }, now, 'utc').stale).toBe(false);
  });

  it('names the year of a window from another year', () => {
    expect(rangeSummary(day(Date.parse('2025-11-25T09:09:00Z')), now, 'utc')).toBe('since 2025-11-25 09:09');
  });

  it('is fresh while the clock is not known yet (the server render), and for custom ranges', () => {
    expect(rangeStatus(day(now - 6 * D), 0, 'utc').stale).toBe(false);
    expect(rangeStatus({ range: 'custom', from: iso(now - 6 * D), to: '' }, now, 'utc').stale).toBe(false);
    expect(rangeSummary({ range: '', from: '', to: '' }, now, 'utc')).toBe('Any time');
  });

  it('moving to now gives the preset its label back', () => {
    const moved = { range: '24h', ...presetWindow(findPreset('24h')!, now, 'utc') };
    expect(moved).toEqual({ range: '24h', from: '2026-11-30T09:09:00Z', to: '' });
    expect(rangeSummary(moved, now, 'cst')).toBe('Last 24 h');
  });
});

describe('Today and Yesterday', () => {
  const today = findPreset('today')!;
  const yesterday = findPreset('yesterday')!;

  it('are calendar days in the chosen zone, ending a second before the next begins', () => {
    const now = Date.parse('2026-11-25T01:00:00Z'); // 09:00 in China, 01:00 in UTC
    expect(presetWindow(today, now, 'cst')).toEqual({ from: '2026-11-24T16:00:00Z', to: '' });
    expect(presetWindow(yesterday, now, 'cst')).toEqual({ from: '2026-11-23T16:00:00Z', to: '2026-11-24T15:59:59Z' });
    expect(presetWindow(today, now, 'utc')).toEqual({ from: '2026-11-25T00:00:00Z', to: '' });
    expect(presetWindow(yesterday, now, 'utc')).toEqual({ from: '2026-11-24T00:00:00Z', to: '2026-11-24T23:59:59Z' });
  });

  it('go stale when the day turns or the zone changes, and say the window they list', () => {
    const made = Date.parse('2026-11-24T20:00:00Z');
    const link = { range: 'yesterday', ...presetWindow(yesterday, made, 'utc') };
    expect(rangeStatus(link, made + H, 'utc').stale).toBe(false);
    expect(rangeSummary(link, made + H, 'utc')).toBe('Yesterday');
    const nextDay = made + 5 * H; // 2026-11-25 01:00 UTC
    expect(rangeStatus(link, nextDay, 'utc').stale).toBe(true);
    expect(rangeSummary(link, nextDay, 'utc')).toBe('11-23 00:00 → 11-23 23:59');
    // The same instants are not "yesterday" in China time.
    expect(rangeStatus(link, made + H, 'cst').stale).toBe(true);
    const todayLink = { range: 'today', ...presetWindow(today, made, 'utc') };
    expect(rangeSummary(todayLink, nextDay, 'utc')).toBe('since 11-24 00:00');
  });

  describe('across a DST change (the local zone is Europe/Berlin)', () => {
    const saved = process.env.TZ;
    beforeAll(() => {
      process.env.TZ = 'Europe/Berlin';
    });
    afterAll(() => {
      process.env.TZ = saved;
    });

    it('a spring-forward day has 23 hours and starts at midnight in winter time', () => {
      // Sunday 2026-03-29: 02:00 CET → 03:00 CEST.
      const monday = Date.parse('2026-03-30T10:00:00Z');
      const w = presetWindow(yesterday, monday, 'local');
      expect(w).toEqual({ from: '2026-03-28T23:00:00Z', to: '2026-03-29T21:59:59Z' });
      expect(Date.parse(w.to) + 1000 - Date.parse(w.from)).toBe(23 * H);
      expect(presetWindow(today, Date.parse('2026-03-29T12:00:00Z'), 'local').from).toBe('2026-03-28T23:00:00Z');
    });

    it('a fall-back day has 25 hours', () => {
      // Sunday 2026-10-25: 03:00 CEST → 02:00 CET.
      const w = presetWindow(yesterday, Date.parse('2026-10-26T10:00:00Z'), 'local');
      expect(w).toEqual({ from: '2026-10-24T22:00:00Z', to: '2026-10-25T22:59:59Z' });
      expect(Date.parse(w.to) + 1000 - Date.parse(w.from)).toBe(25 * H);
      expect(startOfDay(Date.parse('2026-10-25T23:30:00Z'), 'local')).toBe(Date.parse('2026-10-25T23:00:00Z'));
    });

    it('fixed zones have no DST', () => {
      expect(presetWindow(yesterday, Date.parse('2026-03-30T10:00:00Z'), 'utc')).toEqual({
        from: '2026-03-29T00:00:00Z',
        to: '2026-03-29T23:59:59Z',
      });
    });
  });
});

describe('custom dates are named, never ignored', () => {
  it('names an incomplete or impossible date the browser refused (its value is then empty)', () => {
    expect(customBoundError('From', '', true, 'utc')).toMatch(/^From: not a complete, real date and time/);
    expect(customBoundError('From', '', false, 'utc')).toBeNull();
  });

  it('names a six-digit year and a day that does not exist', () => {
    expect(customBoundError('From', '202611-11-25T17:09', false, 'utc')).toBe(
      'From: year 202611 is not a date (the year has 4 digits).',
    );
    expect(customBoundError('Until', '2026-02-30T10:00', false, 'utc')).toBe('Until: 2026-02-30 is not a date.');
    expect(customBoundError('From', '2026-02-28T10:00', false, 'cst')).toBeNull();
  });

  it('the one GET /jobs schema refuses them, naming the field', () => {
    const check = (value: string) =>
      listJobsError([
        ['tag', 'Transcode'],
        ['startCreationTime', value],
      ]);
    expect(check('202611-11-25T17:09:00Z')).toEqual({
      field: 'startCreationTime',
      message: 'startCreationTime: year 202611 is not a date (the year has 4 digits)',
    });
    expect(check('2026-02-30T00:00:00+08:00')).toEqual({
      field: 'startCreationTime',
      message: 'startCreationTime: 2026-02-30 is not a date',
    });
    expect(check('2026-02-28T00:00:00+08:00')).toBeNull();
    expect(check('2026-02')?.message).toMatch(/must be a date-time like/);
  });

  it('the URL keeps the bad value and the view names it, so nothing is dropped or sent', () => {
    const load = createLoader(jobsSearchParams);
    for (const [from, words] of [
      ['202611-11-25T17:09:00Z', 'year 202611 is not a date (the year has 4 digits)'],
      ['2026-02-30T00:00:00Z', '2026-02-30 is not a date'],
    ] as const) {
      const url = load(`?tag=Transcode&range=custom&from=${encodeURIComponent(from)}`);
      expect(url.from).toBe(from);
      const { query, issues } = validateView(jobsView({ range: 'custom', from }));
      expect(query).toBeNull();
      expect(issues).toEqual([expect.objectContaining({ key: 'from', label: 'Created from', value: from })]);
      expect(issues[0]!.message).toBe(`Created from: ${words}`);
    }
  });

  it('accepts Today and Yesterday in links, and still refuses other ranges', () => {
    expect(
      validateView(jobsView({ range: 'yesterday', from: '2026-11-24T00:00:00Z', to: '2026-11-24T23:59:59Z' })).issues,
    ).toEqual([]);
    expect(validateView(jobsView({ range: 'today', from: '2026-11-25T00:00:00Z' })).issues).toEqual([]);
    expect(validateView(jobsView({ range: 'tomorrow' })).issues[0]!.message).toMatch(/today, yesterday or custom/);
  });
});
