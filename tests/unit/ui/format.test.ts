import { describe, expect, it } from 'vitest';

import {
  formatBytes,
  formatDuration,
  formatInstant,
  formatKbps,
  formatOffset,
  formatRelative,
  formatSampleRate,
  fromZonedInputValue,
  toIsoSeconds,
  toMs,
  toZonedInputValue,
} from '@/lib/format';

describe('time zones', () => {
  const iso = '2026-11-25T16:13:10+08:00';
  it('shows an instant in UTC and +08:00, always with the offset', () => {
    expect(formatInstant(iso, 'utc')).toBe('2026-11-25 08:13:10 +00:00');
    expect(formatInstant(iso, 'cst')).toBe('2026-11-25 16:13:10 +08:00');
    expect(formatInstant('2026-11-25T08:13:10Z', 'cst')).toBe('2026-11-25 16:13:10 +08:00');
  });
  it('shows the local zone with its own offset', () => {
    expect(formatInstant(iso, 'local')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}$/);
  });
  it('reads CI offsets without a colon and keeps unreadable text as it is', () => {
    expect(toMs('2026-11-25T16:13:10+0800')).toBe(Date.parse('2026-11-25T08:13:10Z'));
    expect(formatInstant('soon', 'utc')).toBe('soon');
    expect(formatInstant(null, 'utc')).toBe('—');
  });
  it('formats offsets', () => {
    expect(formatOffset(480)).toBe('+08:00');
    expect(formatOffset(-330)).toBe('-05:30');
    expect(formatOffset(0)).toBe('+00:00');
  });
  it('round-trips datetime-local values in a zone', () => {
    expect(toZonedInputValue(iso, 'utc')).toBe('2026-11-25T08:13');
    expect(fromZonedInputValue('2026-11-25T08:13', 'utc')).toBe('2026-11-25T08:13:00+00:00');
    expect(fromZonedInputValue('2026-11-25T16:13', 'cst')).toBe('2026-11-25T16:13:00+08:00');
    expect(fromZonedInputValue('2026-02-30T10:00', 'utc')).toBeNull();
    expect(fromZonedInputValue('yesterday', 'utc')).toBeNull();
    const local = fromZonedInputValue('2026-11-25T16:13', 'local');
    expect(local && toZonedInputValue(local, 'local')).toBe('2026-11-25T16:13');
  });
  it('writes URL instants to the second in UTC', () => {
    expect(toIsoSeconds(Date.parse('2026-11-25T08:13:10.567Z'))).toBe('2026-11-25T08:13:10Z');
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-11-25T08:00:00Z');
  it('speaks in the largest whole unit', () => {
    expect(formatRelative(now - 12_000, now)).toBe('12 s ago');
    expect(formatRelative(now - 3 * 60_000, now)).toBe('3 min ago');
    expect(formatRelative(now - 5 * 3_600_000, now)).toBe('5 h ago');
    expect(formatRelative(now - 2 * 86_400_000, now)).toBe('2 d ago');
    expect(formatRelative(now + 4_000, now)).toBe('in 4 s');
    expect(formatRelative(now, now)).toBe('just now');
    expect(formatRelative(null, now)).toBe('—');
  });
});

describe('units a person reads', () => {
  it('formats sizes, bitrates, durations and sample rates', () => {
    expect(formatBytes(1_400_000)).toBe('1.4 MB');
    expect(formatKbps(834.2)).toBe('834 kb/s');
    expect(formatKbps(2629.7)).toBe('2.6 Mb/s');
    expect(formatDuration(13.65)).toBe('0:13.65');
    expect(formatSampleRate(44100)).toBe('44.1 kHz');
    expect(formatSampleRate(48000)).toBe('48 kHz');
  });
});
