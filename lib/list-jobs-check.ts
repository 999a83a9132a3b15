/**
 * The browser's check of GET /jobs parameter values: the same rules and messages as the zod schema
 * of lib/ci/params.ts (which the /api route applies to every request), written without zod so the
 * /jobs page does not ship it (about 40 KiB gzipped, a third of the page's own JavaScript). The
 * patterns, names and time format come from lib/ci/param-rules.ts, which both share.
 * tests/unit/ui/list-jobs-check.test.ts holds the two to the same answers, property-based.
 */
import {
  ciTimeToMs,
  ID_PATTERN as ID,
  JOB_ID,
  LIST_JOBS_PARAMS,
  toCiTime,
  NEXT_TOKEN_PATTERN as TOKEN,
} from './ci/param-rules';
import { QUEUE_TYPE_CODES, STATE_FILTER_VALUES, TAG_CODES } from './ci/tags';

/** As ciTimeToMs(toCiTime(value)): the instant, or null when the value is not a time CI takes. */
function timeMs(value: string): number | null {
  const ci = toCiTime(value);
  return ci === null ? null : ciTimeToMs(ci);
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
      return /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 100
        ? null
        : 'size must be an integer between 1 and 100';
    case 'states': {
      const bad = value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => !oneOf(STATE_FILTER_VALUES, s));
      return bad.length === 0
        ? null
        : `states must be a comma-separated list of ${STATE_FILTER_VALUES.join(', ')}; "${bad[0]}" is not one`;
    }
    case 'startCreationTime':
    case 'endCreationTime':
      return timeMs(value) === null
        ? `${name} must be a date-time like 2024-01-01T00:00:00+0800 (or ISO 8601 with an offset)`
        : null;
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

/** The parameter names and the job ID pattern, from the shared rules. */
export { JOB_ID as JOB_ID_PATTERN, LIST_JOBS_PARAMS as LIST_JOBS_PARAM_ORDER };

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
