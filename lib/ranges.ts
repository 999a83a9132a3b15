/**
 * The creation-time presets and what a preset's window is at a given moment: "Last 24 h" (a span
 * ending now) and "Today"/"Yesterday" (calendar days in the chosen zone, DST-correct). A preset in a
 * URL is anchored (`from`, and `to` for Yesterday) when it is chosen, so paging and shared links
 * count one window; `rangeStatus` says when that anchor has gone stale, so the label can stop
 * claiming "Last 24 h" for a link made six days ago. Pure and browser-safe.
 */
import {
  formatInstant,
  fromZonedInputValue,
  toIsoSeconds,
  toMs,
  toZonedInputValue,
  zoneOffsetMinutes,
  type TimeZoneChoice,
} from './format';

interface SpanPreset {
  value: string;
  label: string;
  /** The window is the last `ms` up to now. */
  kind: 'span';
  ms: number;
}
interface DayPreset {
  value: string;
  label: string;
  /** The window is a whole calendar day in the chosen zone, `daysBack` days before today. */
  kind: 'day';
  daysBack: number;
}
export type RangePreset = SpanPreset | DayPreset;

export const RANGE_PRESETS: readonly RangePreset[] = [
  { value: '1h', label: 'Last 1 h', kind: 'span', ms: 3_600_000 },
  { value: '24h', label: 'Last 24 h', kind: 'span', ms: 86_400_000 },
  { value: '7d', label: 'Last 7 d', kind: 'span', ms: 7 * 86_400_000 },
  { value: '30d', label: 'Last 30 d', kind: 'span', ms: 30 * 86_400_000 },
  { value: 'today', label: 'Today', kind: 'day', daysBack: 0 },
  { value: 'yesterday', label: 'Yesterday', kind: 'day', daysBack: 1 },
];

export function findPreset(value: string): RangePreset | undefined {
  return RANGE_PRESETS.find((p) => p.value === value);
}

/**
 * How much longer than its label a span preset's window may grow before the label is called stale:
 * 5 % of the span. "Last 24 h" then stays true for 72 minutes (a tab left open over a meeting) and
 * "Last 1 h" for 3 — the listed window is never more than 5 % wider than the words say, whatever the
 * span. (A fixed hour would let "Last 1 h" list two hours before saying so.)
 */
export const STALE_SHARE = 0.05;

/** The first instant (ms) of the calendar day holding `ms`, in the zone; the local zone's DST is respected. */
export function startOfDay(ms: number, zone: TimeZoneChoice): number {
  const [y, mo, d] = toZonedInputValue(ms, zone).slice(0, 10).split('-').map(Number) as [number, number, number];
  // The browser's zone: its own calendar (a 23- or 25-hour day, a midnight DST skips, all handled).
  if (zone === 'local') return new Date(y, mo - 1, d).getTime();
  return Date.UTC(y, mo - 1, d) - zoneOffsetMinutes(zone, ms) * 60_000;
}

/** A preset's window at `now`, as the URL holds it (ISO instants to the second; '' = open end). Bounds are inclusive. */
export function presetWindow(preset: RangePreset, now: number, zone: TimeZoneChoice): { from: string; to: string } {
  if (preset.kind === 'span') return { from: toIsoSeconds(now - preset.ms), to: '' };
  let start = startOfDay(now, zone);
  for (let i = 0; i < preset.daysBack; i++) start = startOfDay(start - 1, zone);
  if (preset.daysBack === 0) return { from: toIsoSeconds(start), to: '' };
  // The day ends one second before the next begins (the bounds are inclusive, to the second).
  let next = startOfDay(now, zone);
  for (let i = 1; i < preset.daysBack; i++) next = startOfDay(next - 1, zone);
  return { from: toIsoSeconds(start), to: toIsoSeconds(next - 1000) };
}

export interface RangeStatus {
  preset: RangePreset | undefined;
  /** A preset whose anchored window no longer is what its label says (a span grown past STALE_SHARE, a day gone by). */
  stale: boolean;
}

/** Whether the preset range of a view still means what its label says at `now` (0 = not known yet: fresh). */
export function rangeStatus(
  value: { range: string; from: string; to: string },
  now: number,
  zone: TimeZoneChoice,
): RangeStatus {
  const preset = findPreset(value.range);
  const from = toMs(value.from);
  if (!preset || from === null || now <= 0) return { preset, stale: false };
  if (preset.kind === 'span') {
    return { preset, stale: value.to !== '' || now - from > preset.ms * (1 + STALE_SHARE) };
  }
  const expected = presetWindow(preset, now, zone);
  const stale = from !== toMs(expected.from) || (toMs(value.to) ?? null) !== (toMs(expected.to) ?? null);
  return { preset, stale };
}

/** `11-25 17:09` in the zone, or `2025-11-25 17:09` when not this year. */
export function shortInstant(value: string, zone: TimeZoneChoice, now: number): string {
  const text = formatInstant(value, zone);
  if (!/^\d{4}-/.test(text)) return text;
  const sameYear = now > 0 && text.slice(0, 4) === formatInstant(now, zone).slice(0, 4);
  return text.slice(sameYear ? 5 : 0, 16);
}

/**
 * What the range control says: a fresh preset's label ("Last 24 h"), a stale one's real window
 * ("since 11-25 17:09", "11-24 00:00 → 11-24 23:59"), a custom window, or "Any time".
 */
export function rangeSummary(
  value: { range: string; from: string; to: string },
  now: number,
  zone: TimeZoneChoice,
): string {
  const { preset, stale } = rangeStatus(value, now, zone);
  if (preset && (!stale || !value.from)) return preset.label;
  if (value.from && !value.to) return `since ${shortInstant(value.from, zone, now)}`;
  if (value.from || value.to) {
    return `${value.from ? shortInstant(value.from, zone, now) : '…'} → ${value.to ? shortInstant(value.to, zone, now) : 'now'}`;
  }
  return 'Any time';
}

/**
 * Why a custom bound typed in a date-time field cannot be used, naming the field, or null (empty is
 * fine: an open end). `badInput` is the browser's verdict: an incomplete date, or one that does not
 * exist (February 30), leaves the field's value empty, so it must not be read as "no bound".
 */
export function customBoundError(label: string, input: string, badInput: boolean, zone: TimeZoneChoice): string | null {
  if (badInput) {
    return `${label}: not a complete, real date and time (a part is missing, or the day does not exist, like 02-30).`;
  }
  if (input === '') return null;
  const m = /^(\d+)-(\d{2})-(\d{2})T\d{2}:\d{2}/.exec(input);
  if (!m) return `${label}: "${input}" is not a date and time.`;
  if (m[1]!.length !== 4) return `${label}: year ${m[1]} is not a date (the year has 4 digits).`;
  if (fromZonedInputValue(input, zone) === null) return `${label}: ${m[1]}-${m[2]}-${m[3]} is not a date.`;
  return null;
}
