/**
 * The rules of CI's GET /jobs query, declared once: the parameter names, the ID, token and time
 * formats, and one table of rules that checks a query and says which field is wrong. Used by /api/jobs and
 * /api/jobs/all (which refuse anything else with a 400 naming the field), by the server's prefetch of
 * /jobs, and in the browser by the URL's check (lib/jobs-search-params validateView) and saved views.
 *
 * The rules are plain functions (LIST_JOBS_RULES), not a schema library: the browser runs them on
 * every view, and zod/mini's runtime was ~21 KiB gzipped of the /jobs page (bench P5).
 */
import { QUEUE_TYPE_CODES, STATE_FILTER_VALUES, TAG_CODES, type StateFilter } from './tags';

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

/**
 * One parameter's rule: `read` turns the text into its value, or null when it is refused, and
 * `error` says why in words that name the parameter.
 */
interface Rule<T> {
  read: (value: string) => T | null;
  error: (value: string) => string;
}

const rule = <T>(read: (value: string) => T | null, error: string | ((value: string) => string)): Rule<T> => ({
  read,
  error: typeof error === 'string' ? () => error : error,
});
const oneOf = <const T extends string>(values: readonly T[], error: string): Rule<T> =>
  rule((v) => ((values as readonly string[]).includes(v) ? (v as T) : null), error);
const matching = (pattern: RegExp, error: string): Rule<string> => rule((v) => (pattern.test(v) ? v : null), error);
const idField = (what: string) => matching(ID_PATTERN, `${what} must be 1–64 letters, digits, "-" or "_"`);

/**
 * Why a time is refused, naming what is wrong when the shape is nearly right: a year that is not
 * four digits (a date field lets one type `202611`), or a day that does not exist (February 30).
 */
export function timeError(name: string, value: string): string {
  const m = /^([+-]?\d+)-(\d{1,2})-(\d{1,2})T\d{2}:\d{2}/.exec(value);
  if (m && !/^\d{4}$/.test(m[1]!)) return `${name}: year ${m[1]} is not a date (the year has 4 digits)`;
  if (m && TIME.test(value)) {
    const [y, mo, d] = [m[1], m[2], m[3]];
    const real = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (real.getUTCMonth() !== Number(mo) - 1 || real.getUTCDate() !== Number(d))
      return `${name}: ${y}-${mo}-${d} is not a date`;
  }
  return `${name} must be a date-time like 2024-01-01T00:00:00+0800 (or ISO 8601 with an offset)`;
}

/** Why an input object key is refused, or null (COS keys are at most 850 characters). */
function inputObjectError(s: string): string | null {
  if (s.length < 1) return 'inputObject must not be empty';
  if (s.length > 850) return 'inputObject must be at most 850 characters (the longest COS object key)';
  if (/[\u0000-\u001f\u007f]/.test(s)) return 'inputObject must not contain control characters';
  return null;
}

const timeField = (name: string) => rule(toCiTime, (value) => timeError(name, value));

const isStateFilter = (s: string): s is StateFilter => (STATE_FILTER_VALUES as readonly string[]).includes(s);
const splitStates = (value: string) => value.split(',').map((s) => s.trim());

/** Every parameter's rule, in the order a query is checked (the first bad one is named). */
const LIST_JOBS_RULES = {
  tag: oneOf(TAG_CODES, `tag is required and must be one of: ${TAG_CODES.join(', ')}`),
  queueId: idField('queueId'),
  queueType: oneOf(QUEUE_TYPE_CODES, `queueType must be one of: ${QUEUE_TYPE_CODES.join(', ')}`),
  workflowId: idField('workflowId'),
  inventoryTriggerJobId: idField('inventoryTriggerJobId'),
  inputObject: rule(
    (s) => (inputObjectError(s) === null ? s : null),
    (s) => inputObjectError(s) ?? '',
  ),
  orderByTime: oneOf(['Desc', 'Asc'], 'orderByTime must be Desc or Asc'),
  nextToken: matching(NEXT_TOKEN_PATTERN, 'nextToken must be the NextToken of a previous page'),
  size: rule(
    (s) => (/^\d{1,3}$/.test(s) && Number(s) >= 1 && Number(s) <= 100 ? Number(s) : null),
    'size must be an integer between 1 and 100',
  ),
  states: rule(
    (value) => {
      const items = splitStates(value);
      return items.every(isStateFilter) ? [...new Set(items)] : null;
    },
    (value) =>
      `states must be a comma-separated list of ${STATE_FILTER_VALUES.join(', ')}; "${splitStates(value).find((s) => !isStateFilter(s))}" is not one`,
  ),
  startCreationTime: timeField('startCreationTime'),
  endCreationTime: timeField('endCreationTime'),
} satisfies Record<ListJobsParamName, Rule<unknown>>;

type Rules = typeof LIST_JOBS_RULES;
type ValueOf<R> = R extends Rule<infer T> ? T : never;
/** A checked query: `tag` always, every other parameter when set. */
export type ListJobsParams = { tag: ValueOf<Rules['tag']> } & {
  -readonly [K in Exclude<keyof Rules, 'tag'>]?: ValueOf<Rules[K]>;
};

export interface ParamError {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParamError };

/**
 * Validates a query string strictly: unknown names, repeated names and bad values are refused with
 * the field named. Nothing that fails here is ever sent to CI.
 */
export function parseListJobsQuery(search: URLSearchParams): ParseResult<ListJobsParams> {
  const raw: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name === '') {
      return {
        ok: false,
        error: { field: '(unnamed)', message: `A parameter has no name; allowed: ${LIST_JOBS_PARAMS.join(', ')}` },
      };
    }
    if (!(LIST_JOBS_PARAMS as readonly string[]).includes(name)) {
      return {
        ok: false,
        error: {
          field: name,
          message: `Unknown parameter "${truncate(name)}"; allowed: ${LIST_JOBS_PARAMS.join(', ')}`,
        },
      };
    }
    if (name in raw) return { ok: false, error: { field: name, message: `${name} must be given at most once` } };
    raw[name] = value;
  }
  // An empty optional value means "not set", as forms submit it; an empty tag is still missing.
  const out: Record<string, unknown> = {};
  for (const [name, check] of Object.entries(LIST_JOBS_RULES) as [ListJobsParamName, Rule<unknown>][]) {
    const value = raw[name];
    if (value === undefined || (value === '' && name !== 'tag')) {
      if (name === 'tag') return { ok: false, error: { field: name, message: check.error('') } };
      continue;
    }
    const read = check.read(value);
    if (read === null) return { ok: false, error: { field: name, message: check.error(value) } };
    out[name] = read;
  }
  const params = out as ListJobsParams;
  if (
    params.startCreationTime &&
    params.endCreationTime &&
    ciTimeToMs(params.startCreationTime) > ciTimeToMs(params.endCreationTime)
  ) {
    return {
      ok: false,
      error: { field: 'endCreationTime', message: 'endCreationTime must not be earlier than startCreationTime' },
    };
  }
  return { ok: true, value: params };
}

/** The first bad field of these (distinct, known) parameters as parseListJobsQuery names it, or null. */
export function listJobsError(pairs: readonly [string, string][]): ParamError | null {
  const parsed = parseListJobsQuery(new URLSearchParams(pairs as [string, string][]));
  return parsed.ok ? null : parsed.error;
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * A bound one second further out, in the same zone. The dashboard's creation-time bounds are
 * inclusive (a job created at 10:00:00 is in "from 10:00:00" and in "until 10:00:00", and the
 * overview's time slots end a second before the next begins); CI's are strict (大于/小于, reference
 * §2.1), so each is widened by the one second times have, and no job on a boundary second is
 * dropped or counted in two adjacent windows.
 */
export function widenBound(ciTime: string, side: 'start' | 'end'): string {
  const zone = /([+-])(\d{2})(\d{2})$/.exec(ciTime);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 480;
  return formatCiTime(ciTimeToMs(ciTime) + (side === 'start' ? -1000 : 1000), offset);
}

/** The CI query for validated params: only what is set, in CI's names and formats (bounds widened, see widenBound). */
export function toCiQuery(p: ListJobsParams): [string, string][] {
  const q: [string, string][] = [['tag', p.tag]];
  if (p.queueId) q.push(['queueId', p.queueId]);
  if (p.queueType) q.push(['queueType', p.queueType]);
  if (p.workflowId) q.push(['workflowId', p.workflowId]);
  if (p.inventoryTriggerJobId) q.push(['inventoryTriggerJobId', p.inventoryTriggerJobId]);
  if (p.inputObject) q.push(['inputObject', p.inputObject]);
  if (p.orderByTime) q.push(['orderByTime', p.orderByTime]);
  if (p.nextToken) q.push(['nextToken', p.nextToken]);
  if (p.size !== undefined) q.push(['size', String(p.size)]);
  if (p.states && p.states.length > 0) q.push(['states', p.states.join(',')]);
  if (p.startCreationTime) q.push(['startCreationTime', widenBound(p.startCreationTime, 'start')]);
  if (p.endCreationTime) q.push(['endCreationTime', widenBound(p.endCreationTime, 'end')]);
  return q;
}
