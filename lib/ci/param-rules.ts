/**
 * The zod-free rules of the GET /jobs parameters: names, ID and token patterns, and CI's time
 * format. Shared by the /api schema (lib/ci/params.ts) and the browser's check of the URL
 * (lib/list-jobs-check.ts), which must not pull zod into the page's bundle.
 */

/** The seed page's parameter names, in its order. Nothing else is forwarded to CI. */
export const LIST_JOBS_PARAMS = [
  'queueId',
  'queueType',
  'tag',
  'workflowId',
  'inventoryTriggerJobId',
  'inputObject',
  'orderByTime',
  'nextToken',
  'size',
  'states',
  'startCreationTime',
  'endCreationTime',
] as const;
export type ListJobsParamName = (typeof LIST_JOBS_PARAMS)[number];

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const JOB_ID = ID_PATTERN;
export const NEXT_TOKEN_PATTERN = /^[A-Za-z0-9_\-=.:+/~]{1,512}$/;
/** The combined cursor of /api/jobs/all: `<payload>.<HMAC-SHA256>`, both base64url (server/ci/all-tags.ts). */
export const ALL_TAGS_CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,8000}\.[A-Za-z0-9_-]{43}$/;

/**
 * Accepts CI's own format (`2024-01-01T00:00:00+0800`) and ISO 8601 (`+08:00`, `Z`, milliseconds),
 * and checks that the date exists. The value is normalised to CI's format before it is sent.
 */
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

export function toCiTime(value: string): string | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, , zone] = m as unknown as string[];
  const offset = zone === 'Z' ? '+0000' : zone!.replace(':', '');
  const offH = Number(offset.slice(1, 3));
  const offM = Number(offset.slice(3, 5));
  if (offH > 14 || offM > 59) return null;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (
    date.getUTCFullYear() !== Number(y) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    date.getUTCHours() !== Number(h) ||
    date.getUTCMinutes() !== Number(mi) ||
    date.getUTCSeconds() !== Number(s)
  ) {
    return null;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}

/** Instant of a CI-format time, for comparing bounds. */
export function ciTimeToMs(ciTime: string): number {
  return Date.parse(ciTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Formats an instant in CI's format at a given offset in minutes (default +08:00, China time). */
export function formatCiTime(ms: number, offsetMinutes = 480): string {
  const shifted = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`
  );
}
