/**
 * Jobs as CSV: one row per job, flat columns, for a spreadsheet. Browser-safe and pure: the
 * browser's export of a list and the server's streamed export of the index (GET /api/jobs/export)
 * write the same file, row by row.
 *
 * - RFC 4180: a field with a comma, quote, CR or LF is quoted and its quotes doubled; records end
 *   with CRLF (the last one too). A field with `;` or a tab is quoted as well: a spreadsheet set to
 *   `;` as its list separator (most of Europe) or opening the file as tab-separated would otherwise
 *   split the cell there, and the piece after the split would escape the formula guard below.
 * - A UTF-8 byte-order mark first: without it Excel reads the file as the local ANSI code page and
 *   mangles non-ASCII object keys (Chinese names are common in COS buckets).
 * - Formula injection (OWASP "CSV Injection"): object keys, messages and names come from users, and
 *   a cell starting with = + - @ TAB or CR is run as a formula by spreadsheets. Such text cells get
 *   a leading single quote, which spreadsheets show as text. Numbers (ours, not users') are left
 *   alone. The JSON export keeps every value exactly as the API gave it.
 *
 * Hand-written rather than papaparse's unparse: the format is 20 lines, and owning it keeps the BOM,
 * CRLF, the formula guard and the columns in one readable place with nothing added to the bundle.
 * The tests read the output back with papaparse, an independent parser.
 */
import type { JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';
import { NO_QUEUE_NAMES, type QueueNames } from '@/lib/queue-label';

type Cell = string | number | null;

/**
 * What a row needs beside the job: the queues' names (lib/queue-label), looked up once per file —
 * the browser from GET /api/queues, the server's export from the CI client's queue listing.
 */
export interface CsvContext {
  queueNames: QueueNames;
}

export interface CsvColumn {
  header: string;
  value: (job: JobListItem, context: CsvContext) => Cell;
}

/** An instant as ISO 8601 in UTC (`2026-11-25T08:13:10Z`); a time that does not parse stays as sent. */
export function isoUtc(value: string | null): string | null {
  const ms = toMs(value);
  if (ms === null) return value || null;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** Seconds from start to end of a finished job; empty while it runs or when a time is missing. */
export function durationSeconds(job: Pick<JobListItem, 'startTime' | 'endTime'>): number | null {
  const start = toMs(job.startTime);
  const end = toMs(job.endTime);
  if (start === null || end === null || end < start) return null;
  return (end - start) / 1000;
}

/** A job belongs to at most a few workflow runs; several are joined with "; ". */
const workflows = (job: JobListItem, pick: (w: JobListItem['workflows'][number]) => string | null): string | null => {
  const values = job.workflows.map(pick).filter((v): v is string => Boolean(v));
  return values.length ? values.join('; ') : null;
};

/**
 * The columns, in order. Headers are the JSON field names (flattened), so both files read alike;
 * `queueName` is the one addition (the JSON keeps the API's job as it is), beside the ID the list
 * shows as a name — empty when the queue listing does not name it.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  { header: 'jobId', value: (j) => j.jobId },
  { header: 'tag', value: (j) => j.tag },
  { header: 'subTag', value: (j) => j.subTag },
  { header: 'state', value: (j) => j.state },
  { header: 'progress', value: (j) => j.progress },
  { header: 'code', value: (j) => j.code },
  { header: 'message', value: (j) => j.message },
  { header: 'queueId', value: (j) => j.queueId },
  { header: 'queueName', value: (j, c) => (j.queueId ? (c.queueNames.get(j.queueId) ?? null) : null) },
  { header: 'queueType', value: (j) => j.queueType },
  { header: 'inputBucket', value: (j) => j.input?.bucket ?? null },
  { header: 'inputRegion', value: (j) => j.input?.region ?? null },
  { header: 'inputObject', value: (j) => j.input?.object ?? null },
  { header: 'inputUrl', value: (j) => j.input?.url ?? null },
  { header: 'creationTime', value: (j) => isoUtc(j.creationTime) },
  { header: 'startTime', value: (j) => isoUtc(j.startTime) },
  { header: 'endTime', value: (j) => isoUtc(j.endTime) },
  { header: 'durationSeconds', value: (j) => durationSeconds(j) },
  { header: 'outputBucket', value: (j) => j.output?.bucket ?? null },
  { header: 'outputRegion', value: (j) => j.output?.region ?? null },
  { header: 'outputObject', value: (j) => j.output?.object ?? null },
  { header: 'workflowId', value: (j) => workflows(j, (w) => w.workflowId) },
  { header: 'workflowName', value: (j) => workflows(j, (w) => w.workflowName) },
  { header: 'workflowRunId', value: (j) => workflows(j, (w) => w.runId) },
  { header: 'workflowNode', value: (j) => workflows(j, (w) => w.name) },
];

const FORMULA_START = /^[=+\-@\t\r]/;
/** Any character some spreadsheet splits a record on (`,` `;` tab) or that RFC 4180 requires quoted. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** One field: formula-guarded (text only), then quoted when RFC 4180 requires it. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';
const CRLF = '\r\n';

/** The file's start: the byte-order mark and the header record. */
export function csvHead(columns: readonly CsvColumn[] = CSV_COLUMNS): string {
  return CSV_BOM + columns.map((c) => csvField(c.header)).join(',') + CRLF;
}

/** One job's record, CRLF included. */
export function csvRecord(
  job: JobListItem,
  queueNames: QueueNames = NO_QUEUE_NAMES,
  columns: readonly CsvColumn[] = CSV_COLUMNS,
): string {
  const context: CsvContext = { queueNames };
  return columns.map((c) => csvField(c.value(job, context))).join(',') + CRLF;
}

export function jobsToCsv(
  jobs: readonly JobListItem[],
  queueNames: QueueNames = NO_QUEUE_NAMES,
  columns: readonly CsvColumn[] = CSV_COLUMNS,
): string {
  return csvHead(columns) + jobs.map((job) => csvRecord(job, queueNames, columns)).join('');
}
