/**
 * The zone the overview's day bars follow: `utc`, `cst` (China time, CI's own), a fixed offset
 * (`+08:00`, `+0800`, `Z`) or an IANA name the runtime knows. Returns minutes east of UTC at an instant.
 */
import 'server-only';

export function parseTimeZone(value: string): ((ms: number) => number) | null {
  const v = value.trim();
  if (v === 'utc' || v === 'UTC' || v === 'Z') return () => 0;
  if (v === 'cst') return () => 480;
  const fixed = /^([+-])(\d{2}):?(\d{2})$/.exec(v);
  if (fixed) {
    const minutes = Number(fixed[2]) * 60 + Number(fixed[3]);
    if (Number(fixed[2]) > 14 || Number(fixed[3]) > 59) return null;
    const signed = fixed[1] === '-' ? -minutes : minutes;
    return () => signed;
  }
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(v) || v.length > 64) return null;
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: v, timeZoneName: 'longOffset' });
  } catch {
    return null;
  }
  return (ms) => {
    const name = format.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  };
}
