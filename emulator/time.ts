/**
 * CI's time format, `%Y-%m-%dT%H:%M:%S%z` (e.g. `2022-06-27T15:23:12+0800`).
 *
 * CI writes times in China time (+0800, no colon) whatever the caller's zone, and parses request
 * bounds in exactly that form; `Date.parse` would happily accept looser shapes (`+08:00`, `Z`, no
 * zone), so the emulator has its own strict parser.
 */

const CHINA_OFFSET_MINUTES = 8 * 60;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function formatCiTime(ms: number, offsetMinutes = CHINA_OFFSET_MINUTES): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` +
    `T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `${sign}${pad2(Math.floor(abs / 60))}${pad2(abs % 60)}`
  );
}

const CI_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2})(\d{2})$/;

/** Milliseconds since the epoch, or null when the text is not a valid CI time. */
export function parseCiTime(text: string): number | null {
  const m = CI_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second, , offH, offM] = m.slice(1).map(Number);
  const sign = m[7] === '-' ? -1 : 1;
  if (
    year === undefined ||
    month === undefined ||
    day === undefined ||
    hour === undefined ||
    minute === undefined ||
    second === undefined ||
    offH === undefined ||
    offM === undefined
  ) {
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (offH > 14 || offM > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  return local - sign * (offH * 60 + offM) * 60_000;
}
