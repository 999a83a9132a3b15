/**
 * What the /api routes do with the index, so each route handler stays a few lines: the list
 * (/api/jobs when a filter needs the index), the overview (/api/overview) and the detail's
 * fallback (/api/jobs/<id> when CI no longer has the job).
 */
import 'server-only';

import { ciTimeToMs } from '@/lib/ci/params';
import { exportFileName } from '@/lib/export/export-meta';
import { csvHead, csvRecord } from '@/lib/export/jobs-csv';
import { jsonStream } from '@/lib/export/jobs-json';
import { parseJobsQuery, type JobsQuery } from '@/lib/index-params';
import { NO_QUEUE_NAMES, queueNames, type QueueNames } from '@/lib/queue-label';
import { apiError, badRequest, ok } from '@/server/api/responses';
import type { BucketBackend } from '@/server/ci/backend';
import { ciJobsPage } from '@/server/jobs/list-page';

import { filtersOf, keysetOf, readyIndex, unavailableMessage } from './answers';
import { getIndexedJob, listIndexed, listIndexedLines, overview, type Keyset } from './queries';
import { parseTimeZone } from './time-zone';

/** GET /api/jobs: CI's list, or the index's when a parameter only the index answers is given. */
export async function jobsRoute(backend: BucketBackend, search: URLSearchParams): Promise<Response> {
  const parsed = parseJobsQuery(search);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  const query = parsed.value;
  if (!query.needsIndex) {
    const { tag, ...rest } = query.ci;
    return ok(await ciJobsPage(backend, { ...rest, tag: tag! }));
  }
  const ready = await readyIndex(backend.bucket);
  if (!ready.index) return apiError(503, 'IndexUnavailable', unavailableMessage(ready.health));
  const page = await listIndexed(ready.index.store.db, backend.bucket, filtersOf(query), {
    size: query.ci.size ?? 10,
    order: query.ci.orderByTime ?? 'Desc',
    after: keysetOf(query.index.cursor),
  });
  return ok({ ...page, nextToken: null, ...ready.meta });
}

const DAY_MS = 86_400_000;

/**
 * GET /api/overview: the figures of the overview page for a window (default the last 24 h),
 * from the index. Takes /api/jobs's parameters (tag may be `all`) and `timeZone` for the day bars.
 */
export async function overviewRoute(backend: BucketBackend, search: URLSearchParams): Promise<Response> {
  const zones = search.getAll('timeZone');
  if (zones.length > 1) return badRequest('timeZone', 'timeZone must be given at most once');
  const rest = new URLSearchParams([...search].filter(([k]) => k !== 'timeZone'));
  for (const name of ['size', 'nextToken', 'cursor', 'orderByTime', 'source'])
    if (rest.has(name)) return badRequest(name, `${name} is a list parameter; the overview counts the whole window`);
  const parsed = parseJobsQuery(rest);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  const query: JobsQuery = parsed.value;
  const now = Date.now();
  const beforeMs = query.ci.endCreationTime ? ciTimeToMs(query.ci.endCreationTime) : now + 1000;
  const afterMs = query.ci.startCreationTime ? ciTimeToMs(query.ci.startCreationTime) : now - DAY_MS;
  if (beforeMs - afterMs > 3660 * DAY_MS)
    return badRequest('startCreationTime', 'The overview covers at most ten years at once');
  const zone = parseTimeZone(zones[0] || query.ci.startCreationTime?.slice(19) || '+08:00');
  if (!zone)
    return badRequest('timeZone', 'timeZone must be utc, an offset like +08:00, or an IANA zone like Asia/Shanghai');
  const ready = await readyIndex(backend.bucket);
  if (!ready.index) return apiError(503, 'IndexUnavailable', unavailableMessage(ready.health));
  const figures = await overview(
    ready.index.store.db,
    backend.bucket,
    { ...filtersOf(query), afterMs, beforeMs },
    zone,
  );
  return ok({
    ...figures,
    window: { after: new Date(afterMs).toISOString(), before: new Date(beforeMs).toISOString() },
    ...ready.meta,
  });
}

/** The index's copy of a job CI no longer has (its month has passed), or null. */
export async function indexedJob(bucket: string, jobId: string) {
  const ready = await readyIndex(bucket);
  if (!ready.index) return null;
  const found = await getIndexedJob(ready.index.store.db, bucket, jobId);
  if (!found) return null;
  return {
    job: found.detail ?? { ...found.item, operation: null },
    xml: found.xml,
    ...ready.meta,
    storedAt: new Date(found.updatedMs).toISOString(),
    /** What the index holds: the whole job (it was read by ID), or only its list fields. */
    complete: found.detail !== null,
  };
}

const EXPORT_PAGE = 1000;

/** The streamed formats and their content types. */
const STREAM_TYPES = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  // No charset: NDJSON is UTF-8 by definition (its reader decodes it as such), and a charset makes
  // Chrome's DevTools network agent (on whenever DevTools or an automation like Playwright watches
  // the page) decode the whole 7.5 MB answer to text on its main thread when it ends — ~250 ms
  // between the last row and its paint in bench P4c, for a copy nobody reads.
  ndjson: 'application/x-ndjson',
} as const;
const isStreamFormat = (format: string): format is keyof typeof STREAM_TYPES => Object.hasOwn(STREAM_TYPES, format);

/**
 * The bucket's queue names for a CSV's `queueName` column, asked of CI once per export (the
 * client's read cache shares it with /api/queues). A queue listing CI refuses does not stop the
 * export: the file then has the IDs alone, and the log says why.
 */
async function exportQueueNames(backend: BucketBackend): Promise<QueueNames> {
  try {
    return queueNames(await backend.client.listQueues());
  } catch (error) {
    console.error('[index] export without queue names:', error instanceof Error ? error.message : 'unknown error');
    return NO_QUEUE_NAMES;
  }
}

/**
 * GET /api/jobs/export?format=csv|json|ndjson&…: every job the filters match, streamed from the index
 * by a keyset walk (a page of 1,000 at a time, so the store is free for other reads between pages),
 * in the files the browser's export writes (lib/export), or as NDJSON — one JobListItem per line,
 * what the list's "Load all" reads as it arrives (features/jobs/api/job-stream). No cap: the walk
 * ends where the matches end.
 */
export async function exportRoute(backend: BucketBackend, search: URLSearchParams): Promise<Response> {
  const formats = search.getAll('format');
  const format = formats[0] ?? 'csv';
  if (formats.length > 1 || !isStreamFormat(format)) return badRequest('format', 'format must be csv, json or ndjson');
  const rest = new URLSearchParams([...search].filter(([k]) => k !== 'format'));
  for (const name of ['size', 'nextToken', 'cursor'])
    if (rest.has(name)) return badRequest(name, `${name} is a list parameter; the export takes every matching job`);
  const parsed = parseJobsQuery(rest);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  const ready = await readyIndex(backend.bucket);
  if (!ready.index) return apiError(503, 'IndexUnavailable', unavailableMessage(ready.health));
  const { db } = ready.index.store;
  const names = format === 'csv' ? await exportQueueNames(backend) : NO_QUEUE_NAMES;
  const filters = filtersOf(parsed.value);
  const order = parsed.value.ci.orderByTime ?? 'Desc';
  const query = new URLSearchParams([...rest].filter(([k]) => k !== 'source'));
  if (query.get('tag') === 'all') query.delete('tag');
  const meta = { scope: 'matching' as const, query: query.toString(), at: Date.now() };
  const encoder = new TextEncoder();
  let after: Keyset | null = null;
  let count = 0;
  let started = false;
  let ended = false;
  const pull = async (controller: ReadableStreamDefaultController<Uint8Array>): Promise<void> => {
    if (!started) {
      started = true;
      const head = { csv: csvHead(), json: jsonStream.head(meta), ndjson: '' }[format];
      if (head) controller.enqueue(encoder.encode(head));
      else await pull(controller);
      return;
    }
    if (ended) return;
    try {
      const walk = { size: EXPORT_PAGE, order, after };
      let text: string;
      let cursor: string | null;
      if (format === 'ndjson') {
        // The store's JSON text as it is: no parse and print again per job (listIndexedLines).
        const page = await listIndexedLines(db, backend.bucket, filters, walk);
        text = page.lines.length ? `${page.lines.join('\n')}\n` : '';
        cursor = page.cursor;
        count += page.lines.length;
      } else {
        const page = await listIndexed(db, backend.bucket, filters, { ...walk, withTotal: false });
        text = page.jobs
          .map((job) => (format === 'csv' ? csvRecord(job, names) : jsonStream.job(job, count++)))
          .join('');
        if (format === 'csv') count += page.jobs.length;
        cursor = page.cursor;
      }
      if (cursor) {
        const [ms, id] = cursor.split('.');
        after = { createdMs: Number(ms), jobId: id! };
      } else {
        ended = true;
      }
      controller.enqueue(encoder.encode(text + (ended && format === 'json' ? jsonStream.tail(count, true) : '')));
      if (ended) controller.close();
    } catch (error) {
      // Headers are gone: a cut stream (and, for JSON, an unclosed document) is how the reader learns it.
      console.error('[index] export stopped:', error instanceof Error ? error.message : 'unknown error');
      controller.error(error);
    }
  };
  return new Response(new ReadableStream<Uint8Array>({ pull }), {
    headers: {
      'content-type': STREAM_TYPES[format],
      // NDJSON is read by the page as it arrives, not saved.
      ...(format === 'ndjson'
        ? {}
        : { 'content-disposition': `attachment; filename="${exportFileName({ ...meta, complete: true }, format)}"` }),
      'cache-control': 'no-store',
      'x-source': 'index',
      ...(ready.meta.asOf ? { 'x-index-as-of': ready.meta.asOf } : {}),
    },
  });
}
