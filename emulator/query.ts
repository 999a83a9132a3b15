/**
 * GET /jobs: parameter rules, filtering, ordering and the NextToken cursor.
 *
 * Paging is keyset-based on (creation time, job id), the order the per-tag index is kept in, so a
 * walk through the pages visits every matching job exactly once even while new jobs appear at the
 * head of the list. The token is opaque (base64url) and carries a hash of the filters: reusing a
 * token under different filters would silently skip or repeat jobs, so it is refused instead.
 */
import {
  isJobState,
  isTag,
  QUEUE_TYPE_CODES,
  STATE_FILTER_VALUES,
  TAG_CODES,
  type JobState,
  type QueueType,
  type Tag,
} from '@/lib/ci/tags';

import { viewAt, type Dataset, type JobList, type JobRecord, type JobView } from './dataset';
import { hashString } from './random';
import { parseCiTime } from './time';

export type QueryPairs = readonly (readonly [string, string])[];

/** A request parameter CI would reject: answered as 400 InvalidArgument naming the parameter. */
export class InvalidArgumentError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

export const LIST_PARAMETERS = [
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
type ListParameter = (typeof LIST_PARAMETERS)[number];
const KNOWN = new Set<string>(LIST_PARAMETERS);

/** Where a page starts: after a named job (base64 token) or after a position in the tag's list (numeric token). */
export type Cursor = { creationMs: number; jobId: string; position?: undefined } | { position: number };

export interface ListQuery {
  tag: Tag;
  size: number;
  /** null: every state. */
  states: ReadonlySet<JobState> | null;
  queueId?: string;
  queueType?: QueueType;
  workflowId?: string;
  inventoryTriggerJobId?: string;
  inputObject?: string;
  startMs?: number;
  endMs?: number;
  order: 'Desc' | 'Asc';
  cursor?: Cursor;
  /** Hash of the filters (not of size or the cursor), bound into every NextToken. */
  filterHash: string;
  /** Parameters CI does not know; ignored, but reported in the request log. */
  ignored: string[];
}

const shown = (value: string) => (value.length > 64 ? `${value.slice(0, 61)}...` : value);
const TIME_FORMAT = 'in the format %Y-%m-%dT%H:%M:%S%z, e.g. 2001-01-01T00:00:00+0800';

/** Known parameters once each; an empty value counts as absent (SDKs send `nextToken=`). */
export function collectParams<K extends string>(pairs: QueryPairs, known: ReadonlySet<string>) {
  const values = new Map<K, string>();
  const ignored: string[] = [];
  for (const [name, value] of pairs) {
    if (!known.has(name)) {
      ignored.push(name);
      continue;
    }
    if (values.has(name as K)) throw new InvalidArgumentError(name, `Parameter ${name} must not be repeated`);
    values.set(name as K, value);
  }
  for (const [name, value] of values) if (value === '') values.delete(name);
  return { values, ignored };
}

function parseTime(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseCiTime(value);
  if (ms === null)
    throw new InvalidArgumentError(name, `Parameter ${name} must be a time ${TIME_FORMAT}; got '${shown(value)}'`);
  return ms;
}

function parseStates(value: string | undefined): ReadonlySet<JobState> | null {
  if (value === undefined) return null;
  const states = new Set<JobState>();
  let all = false;
  for (const item of value.split(',')) {
    if (item === 'All') all = true;
    else if (isJobState(item)) states.add(item);
    else {
      throw new InvalidArgumentError(
        'states',
        `Parameter states must be a comma-separated list of ${STATE_FILTER_VALUES.join(', ')}; got '${shown(item)}'`,
      );
    }
  }
  return all ? null : states;
}

export function parseListQuery(pairs: QueryPairs): ListQuery {
  const { values, ignored } = collectParams<ListParameter>(pairs, KNOWN);
  const get = (name: ListParameter) => values.get(name);

  const tag = get('tag');
  if (tag === undefined)
    throw new InvalidArgumentError('tag', `Parameter tag is required; allowed values: ${TAG_CODES.join(', ')}`);
  if (!isTag(tag))
    throw new InvalidArgumentError('tag', `Parameter tag must be one of ${TAG_CODES.join(', ')}; got '${shown(tag)}'`);

  const sizeText = get('size');
  let size = 10;
  if (sizeText !== undefined) {
    size = /^\d{1,4}$/.test(sizeText) ? Number(sizeText) : NaN;
    if (!(size >= 1 && size <= 100)) {
      throw new InvalidArgumentError(
        'size',
        `Parameter size must be an integer between 1 and 100; got '${shown(sizeText)}'`,
      );
    }
  }

  const queueType = get('queueType');
  if (queueType !== undefined && !(QUEUE_TYPE_CODES as readonly string[]).includes(queueType)) {
    throw new InvalidArgumentError(
      'queueType',
      `Parameter queueType must be one of ${QUEUE_TYPE_CODES.join(', ')}; got '${shown(queueType)}'`,
    );
  }

  const order = get('orderByTime') ?? 'Desc';
  if (order !== 'Desc' && order !== 'Asc') {
    throw new InvalidArgumentError('orderByTime', `Parameter orderByTime must be Desc or Asc; got '${shown(order)}'`);
  }

  const states = parseStates(get('states'));
  const startMs = parseTime('startCreationTime', get('startCreationTime'));
  const endMs = parseTime('endCreationTime', get('endCreationTime'));
  if (startMs !== undefined && endMs !== undefined && startMs > endMs) {
    throw new InvalidArgumentError(
      'startCreationTime',
      'Parameter startCreationTime must not be later than endCreationTime',
    );
  }

  const queueId = get('queueId');
  const query: ListQuery = {
    tag,
    size,
    states,
    // queueId wins over queueType (the API page says so); both are still validated above.
    ...(queueId !== undefined ? { queueId } : queueType !== undefined ? { queueType: queueType as QueueType } : {}),
    ...optional('workflowId', get('workflowId')),
    ...optional('inventoryTriggerJobId', get('inventoryTriggerJobId')),
    ...optional('inputObject', get('inputObject')),
    ...(startMs !== undefined ? { startMs } : {}),
    ...(endMs !== undefined ? { endMs } : {}),
    order,
    filterHash: '',
    ignored,
  };
  query.filterHash = filterHash(query);
  const token = get('nextToken');
  if (token !== undefined) query.cursor = decodeToken(token, query.filterHash);
  return query;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}

function filterHash(q: ListQuery): string {
  const parts = [
    q.tag,
    q.states ? [...q.states].sort().join(',') : 'All',
    q.queueId !== undefined ? `id:${q.queueId}` : q.queueType !== undefined ? `type:${q.queueType}` : '',
    q.workflowId ?? '',
    q.inventoryTriggerJobId ?? '',
    q.inputObject ?? '',
    q.startMs ?? '',
    q.endMs ?? '',
    q.order,
  ];
  return hashString(parts.join('\u0000')).toString(16).padStart(8, '0');
}

/** How GET /jobs pages and bounds its answers; each choice is one the reference leaves open or CI's page states. */
export interface ListSettings {
  /**
   * `lookahead`: read one job past the page, so a full last page comes with an empty token (the
   * emulator's first behaviour). `ci`: a full page always carries a token, which may lead to an
   * empty page, and tokens are numeric-looking like the ones in CI's examples (`225508`).
   */
  paging: 'lookahead' | 'ci';
  /** `exclusive`: creation strictly after startCreationTime and before endCreationTime (CI's page says 大于/小于). */
  timeBounds: 'exclusive' | 'inclusive';
  /** Jobs created longer ago than this are no longer listed (CI's console keeps about a month); null keeps all. */
  retentionMs: number | null;
}

export const DEFAULT_LIST_SETTINGS: ListSettings = { paging: 'lookahead', timeBounds: 'exclusive', retentionMs: null };

/** A base64url token naming the last job shown: `1.<creation s>.<job id>.<filter hash>`. */
export function encodeToken(job: JobRecord, hash: string): string {
  return Buffer.from(`1.${job.creationMs / 1000}.${job.jobId}.${hash}`, 'utf8').toString('base64url');
}

/** A numeric token: one more than the position of the last job shown in its tag's list, then 4 digits of the filter hash. */
function encodeNumericToken(position: number, hash: string): string {
  return String((position + 1) * 10_000 + (parseInt(hash, 16) % 10_000));
}

const TOKEN = /^1\.(\d{1,12})\.([A-Za-z0-9]{1,64})\.([0-9a-f]{8})$/;
const NOT_OURS = 'Parameter nextToken is not a token returned by this API';
const OTHER_FILTERS =
  'Parameter nextToken was issued for different filters; start again without nextToken after changing filters';

/** Either token form, checked against the filters; the position is resolved against the data set later. */
function decodeToken(token: string, hash: string): Cursor {
  if (/^\d{5,16}$/.test(token)) {
    const n = Number(token);
    if (n % 10_000 !== parseInt(hash, 16) % 10_000) throw new InvalidArgumentError('nextToken', OTHER_FILTERS);
    return { position: Math.floor(n / 10_000) - 1 };
  }
  const match = /^[A-Za-z0-9_-]+$/.test(token) ? TOKEN.exec(Buffer.from(token, 'base64url').toString('utf8')) : null;
  if (!match) throw new InvalidArgumentError('nextToken', NOT_OURS);
  if (match[3] !== hash) throw new InvalidArgumentError('nextToken', OTHER_FILTERS);
  return { creationMs: Number(match[1]) * 1000, jobId: match[2] as string };
}

/** First position whose job was created at or after `ms` (binary search on creation time). */
export function lowerBound(jobs: JobList, ms: number): number {
  let lo = 0;
  let hi = jobs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((jobs.at(mid) as JobRecord).creationMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The position of the job a token names in the tag's list; a token naming no job there is refused. */
function positionOf(dataset: Dataset, jobs: JobList, q: ListQuery, cursor: Cursor): number {
  if (cursor.position !== undefined) {
    if (cursor.position >= jobs.length) throw new InvalidArgumentError('nextToken', NOT_OURS);
    return cursor.position;
  }
  const job = dataset.find(cursor.jobId);
  if (job && job.tag === q.tag && job.creationMs === cursor.creationMs) {
    // Ties in one second are few: scan them for the job itself.
    for (let i = lowerBound(jobs, job.creationMs); i < jobs.length; i++) {
      const at = jobs.at(i) as JobRecord;
      if (at.creationMs !== job.creationMs) break;
      if (at.jobId === job.jobId) return i;
    }
  }
  throw new InvalidArgumentError('nextToken', NOT_OURS);
}

export interface ListedJob {
  job: JobRecord;
  view: JobView;
}

export interface ListResult {
  jobs: ListedJob[];
  /** Empty on the last page (in `ci` paging, possibly only on the empty page after it). */
  nextToken: string;
}

function matches(dataset: Dataset, q: ListQuery, job: JobRecord): boolean {
  if (q.queueId !== undefined && job.queueId !== q.queueId) return false;
  if (q.queueType !== undefined && dataset.queueById.get(job.queueId)?.queueType !== q.queueType) return false;
  if (q.workflowId !== undefined && job.workflow?.workflowId !== q.workflowId) return false;
  if (q.inventoryTriggerJobId !== undefined && job.inventoryTriggerJobId !== q.inventoryTriggerJobId) return false;
  if (q.inputObject !== undefined && job.input.object !== q.inputObject) return false;
  return true;
}

/** The creation times a query may list at `now`: its bounds, the clock, and the retention window. */
function window(q: ListQuery, now: number, settings: ListSettings) {
  // Creation times are whole seconds, so a bound one millisecond inside makes it exclusive.
  const edge = settings.timeBounds === 'exclusive' ? 1 : 0;
  const earliest = Math.max(
    q.startMs !== undefined ? q.startMs + edge : -Infinity,
    settings.retentionMs !== null ? now - settings.retentionMs : -Infinity,
  );
  // A job exists from its creation time on.
  const latest = Math.min(now, q.endMs !== undefined ? q.endMs - edge : Infinity);
  return { earliest, latest };
}

/** One page of up to `size` jobs and the token to the next (see ListSettings.paging). */
export function runListQuery(
  dataset: Dataset,
  q: ListQuery,
  now: number,
  settings: ListSettings = DEFAULT_LIST_SETTINGS,
): ListResult {
  const jobs = dataset.byTag.get(q.tag) ?? EMPTY;
  const { earliest, latest } = window(q, now, settings);
  const out: ListedJob[] = [];
  const positions: number[] = [];
  const want = settings.paging === 'lookahead' ? q.size + 1 : q.size;
  const consider = (job: JobRecord, i: number) => {
    if (!matches(dataset, q, job)) return;
    const view = viewAt(job, now);
    if (!view || (q.states && !q.states.has(view.state))) return;
    out.push({ job, view });
    positions.push(i);
  };
  const from = q.cursor ? positionOf(dataset, jobs, q, q.cursor) : null;

  if (q.order === 'Desc') {
    let i = lowerBound(jobs, Math.floor(latest) + 1);
    if (from !== null) i = Math.min(i, from);
    for (i -= 1; i >= 0 && out.length < want; i--) {
      const job = jobs.at(i) as JobRecord;
      if (job.creationMs < earliest) break;
      consider(job, i);
    }
  } else {
    let i = Number.isFinite(earliest) ? lowerBound(jobs, earliest) : 0;
    if (from !== null) i = Math.max(i, from + 1);
    for (; i < jobs.length && out.length < want; i++) {
      const job = jobs.at(i) as JobRecord;
      if (job.creationMs > latest) break;
      consider(job, i);
    }
  }

  if (settings.paging === 'ci') {
    // A full page always has a token; it may lead to an empty page, as CI's can.
    const last = positions[q.size - 1];
    return { jobs: out, nextToken: last === undefined ? '' : encodeNumericToken(last, q.filterHash) };
  }
  if (out.length <= q.size) return { jobs: out, nextToken: '' };
  out.length = q.size;
  return { jobs: out, nextToken: encodeToken((out[q.size - 1] as ListedJob).job, q.filterHash) };
}

const EMPTY: JobList = { length: 0, at: () => undefined };
