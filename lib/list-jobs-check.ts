/**
 * The browser's check of GET /jobs parameter values: the same rules and messages as the zod schema
 * of lib/ci/params.ts (which the /api route applies to every request), written by hand so the
 * /jobs page does not ship zod (about 40 KiB gzipped, a third of the page's own JavaScript).
 * tests/unit/ui/list-jobs-check.test.ts holds the two to the same answers, property-based.
 */
import { QUEUE_TYPE_CODES, STATE_FILTER_VALUES, TAG_CODES } from './ci/tags';

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN = /^[A-Za-z0-9_\-=.:+/~]{1,512}$/;
const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

/** lib/ci/params toCiTime: CI's format or ISO 8601 with an offset, a date that exists → epoch ms. */
function timeMs(value: string): number | null {
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
  // As ciTimeToMs(toCiTime(value)): the instant, seconds precision.
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset.slice(0, 3)}:${offset.slice(3)}`);
}

const oneOf = (values: readonly string[], value: string) => values.includes(value);

/** The message for a bad value of one parameter, or null when it is valid (an empty value is "not set"). */
export function checkListJobsValue(name: string, value: string): string | null {
  if (value === '' && name !== 'tag') return null;
  switch (name) {
    case 'tag':
      return oneOf(TAG_CODES, value) ? null : `tag is required and must be one of: ${TAG_CODES.join(', ')}`;
    case 'queueId':
    case 'workflowId':
    case 'inventoryTriggerJobId':
      return ID.test(value) ? null : `${name} must be 1–64 letters, digits, "-" or "_"`;
    case 'queueType':
      return oneOf(QUEUE_TYPE_CODES, value) ? null : `queueType must be one of: ${QUEUE_TYPE_CODES.join(', ')}`;
    case 'inputObject':
      if (value.length > 850) return 'inputObject must be at most 850 characters (the longest COS object key)';
      return /[\u0000-\u001f\u007f]/.test(value) ? 'inputObject must not contain control characters' : null;
    case 'orderByTime':
      return value === 'Desc' || value === 'Asc' ? null : 'orderByTime must be Desc or Asc';
    case 'nextToken':
      return TOKEN.test(value) ? null : 'nextToken must be the NextToken of a previous page';
    case 'size':
      return /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 100 ? null : 'size must be an integer between 1 and 100';
    case 'states': {
      const bad = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => !oneOf(STATE_FILTER_VALUES, s));
      return bad.length === 0 ? null : `states must be a comma-separated list of ${STATE_FILTER_VALUES.join(', ')}; "${bad[0]}" is not one`;
    }
    case 'startCreationTime':
    case 'endCreationTime':
      return timeMs(value) === null ? `${name} must be a date-time like 2024-01-01T00:00:00+0800 (or ISO 8601 with an offset)` : null;
    default:
      return `Unknown parameter "${name}"`;
  }
}

/** The check across parameters: the end of the creation-time range is not before its start. */
export function checkCreationRange(start: string | undefined, end: string | undefined): string | null {
  if (!start || !end) return null;
  const a = timeMs(start);
  const b = timeMs(end);
  return a !== null && b !== null && a > b ? 'endCreationTime must not be earlier than startCreationTime' : null;
}

/** lib/ci/params LIST_JOBS_PARAMS: the parameter names, in the seed page's order. */
export const LIST_JOBS_PARAM_ORDER = [
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

/** lib/ci/params JOB_ID. */
export const JOB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** parseListJobsQuery's answer for these (distinct, known) parameters: the first bad field, or null. */
export function checkListJobsPairs(pairs: readonly [string, string][]): { field: string; message: string } | null {
  for (const [name, value] of pairs) {
    const message = checkListJobsValue(name, value);
    if (message) return { field: name, message };
  }
  const get = (name: string) => pairs.find(([n]) => n === name)?.[1] || undefined;
  const range = checkCreationRange(get('startCreationTime'), get('endCreationTime'));
  return range ? { field: 'endCreationTime', message: range } : null;
}
