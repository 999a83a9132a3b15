/** Display formats a person reads (browser-safe; no server imports). */

/** Seconds → `0:13.65`, `1:02:03`. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = s < 10 ? `0${s.toFixed(s % 1 ? 2 : 0)}` : s.toFixed(s % 1 ? 2 : 0);
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss.split('.')[0]!.padStart(2, '0')}` : `${m}:${ss}`;
}

/** Elapsed ms between two ISO times (or until now), as `1 h 4 min`, `3 min 12 s`, `8 s`. */
export function formatElapsed(fromIso: string | null, toIso: string | null, now = Date.now()): string {
  if (!fromIso) return '—';
  const from = Date.parse(fromIso);
  const to = toIso ? Date.parse(toIso) : now;
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return '—';
  const total = Math.round((to - from) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/**
 * A long ID shortened for a narrow screen, keeping both ends (IDs of one day share their start;
 * an operator compares ends too): `j8a1f2c3…9b0d4e`. Short IDs are returned whole.
 */
export function shortId(id: string, head = 9, tail = 6): string {
  return id.length > head + tail + 1 ? `${id.slice(0, head)}…${id.slice(-tail)}` : id;
}

/** Bytes → `1.4 MB` (decimal units, as players and CI's console show sizes). */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** CI's kbps figure → `834 kb/s`, `2.6 Mb/s`. */
export function formatKbps(kbps: number | null): string {
  if (kbps === null || !Number.isFinite(kbps)) return '—';
  return kbps >= 1000 ? `${(kbps / 1000).toFixed(1)} Mb/s` : `${Math.round(kbps)} kb/s`;
}

/* ───────────────────────── time zones and instants ───────────────────────── */

/** The one time-zone switch of the UI: the browser's zone, UTC, or China time (CI's own). */
export const TIME_ZONES = [
  { value: 'local', label: 'Local' },
  { value: 'utc', label: 'UTC' },
  { value: 'cst', label: '+08:00' },
] as const;
export type TimeZoneChoice = (typeof TIME_ZONES)[number]['value'];

export function isTimeZoneChoice(value: unknown): value is TimeZoneChoice {
  return TIME_ZONES.some((z) => z.value === value);
}

/** Minutes east of UTC of a zone at an instant (local time depends on the date: DST). */
export function zoneOffsetMinutes(zone: TimeZoneChoice, ms: number): number {
  if (zone === 'utc') return 0;
  if (zone === 'cst') return 480;
  const offset = -new Date(ms).getTimezoneOffset();
  return offset === 0 ? 0 : offset; // avoid -0
}

/** 480 → `+08:00`, -330 → `-05:30`, 0 → `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** An ISO time (any offset) or epoch ms → instant ms, or null. */
export function toMs(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? null : ms;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Wall-clock parts of an instant in a zone. */
function wallClock(ms: number, zone: TimeZoneChoice) {
  const offset = zoneOffsetMinutes(zone, ms);
  const d = new Date(ms + offset * 60_000);
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
    offset,
  };
}

/** An instant in the chosen zone, always with its offset: `2026-11-25 16:13:10 +08:00`. */
export function formatInstant(value: string | number | null | undefined, zone: TimeZoneChoice): string {
  const ms = toMs(value);
  if (ms === null) return typeof value === 'string' && value ? value : '—';
  const w = wallClock(ms, zone);
  return `${w.date} ${w.time} ${formatOffset(w.offset)}`;
}

/** `12 s ago`, `3 min ago`, `5 h ago`, `2 d ago`; `in 4 s` for the future. */
export function formatRelative(value: string | number | null | undefined, now: number): string {
  const ms = toMs(value);
  if (ms === null) return '—';
  const diff = Math.round((now - ms) / 1000);
  const abs = Math.abs(diff);
  let text: string;
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min`;
  else if (abs < 86_400) text = `${Math.floor(abs / 3600)} h`;
  else text = `${Math.floor(abs / 86_400)} d`;
  if (abs < 1) return 'just now';
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

/** The value of an `<input type="datetime-local">` for an instant, in a zone (`2026-11-25T16:13`). */
export function toZonedInputValue(value: string | number | null | undefined, zone: TimeZoneChoice): string {
  const ms = toMs(value);
  if (ms === null) return '';
  const w = wallClock(ms, zone);
  return `${w.date}T${w.time.slice(0, 5)}`;
}

/**
 * A `datetime-local` value read in a zone → ISO 8601 with that zone's offset (`…+08:00`), or null.
 * For the local zone the offset is the one in force at that wall-clock time.
 */
/** The six numbers of a matched date-time (year … second): a fixed length, so no index is missing. */
type Six = [number, number, number, number, number, number];

export function fromZonedInputValue(input: string, zone: TimeZoneChoice): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(input);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '00'].map(Number) as Six;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(asUtc)) return null;
  let offset: number;
  if (zone === 'local') {
    const local = new Date(y, mo - 1, d, h, mi, s);
    offset = -local.getTimezoneOffset();
    if (offset === 0) offset = 0;
  } else {
    offset = zoneOffsetMinutes(zone, asUtc);
  }
  const check = new Date(asUtc);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${pad2(s)}${formatOffset(offset)}`;
}

/** An instant as ISO 8601 in UTC without milliseconds (`2026-11-25T08:13:10Z`), for URLs. */
export function toIsoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** `2.5` → `2.5`, `25.000000` → `25`, null → `—`: a number without noise. */
export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return String(Number(value.toFixed(digits)));
}

/** Hz → `44.1 kHz`, `48 kHz`. */
export function formatSampleRate(hz: number | null): string {
  if (hz === null || !Number.isFinite(hz)) return '—';
  return hz >= 1000 ? `${formatNumber(hz / 1000, 1)} kHz` : `${hz} Hz`;
}

/** Milliseconds → `0:13.65`. */
export function formatMs(ms: number | null): string {
  return ms === null ? '—' : formatDuration(ms / 1000);
}

/**
 * The scale a set of confidences is on: CI's VideoTag sends 0–1 fractions (`0.421531`), its
 * object detection 0–100 scores (`86`). Read from the values, never assumed: any value above 1
 * means 0–100. One list is one scale, so a lone `1` among fractions stays 100 %.
 */
export function confidenceScale(values: readonly (number | null | undefined)[]): 1 | 100 {
  return values.some((v) => typeof v === 'number' && v > 1) ? 100 : 1;
}

/** A confidence as a percentage on its scale: 0.421531 (scale 1) → `42.2 %`, 86 (scale 100) → `86 %`. */
export function formatConfidence(value: number | null | undefined, scale: 1 | 100): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const percent = scale === 1 ? value * 100 : value;
  return `${formatNumber(percent, 1)} %`;
}
