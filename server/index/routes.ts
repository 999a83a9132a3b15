/**
 * What the /api routes do with the index, so each route handler stays a few lines: the list
 * (/api/jobs when a filter needs the index), the overview (/api/overview) and the detail's
 * fallback (/api/jobs/<id> when CI no longer has the job).
 */
import 'server-only';

import { ciTimeToMs } from '@/lib/ci/param-rules';
import type { JobPage } from '@/lib/ci/types';
import { parseJobsQuery, type JobsQuery } from '@/lib/index-params';
import { apiError, badRequest, ok } from '@/server/api/responses';
import type { BucketBackend } from '@/server/ci/backend';

import { filtersOf, keysetOf, readyIndex, unavailableMessage } from './answers';
import { getIndexedJob, listIndexed, overview } from './queries';
import { parseTimeZone } from './time-zone';

const CI_ANSWERS = new WeakMap<JobPage, JobPage & { source: 'ci' }>();

/** A CI page with `source: 'ci'`, the same object for the same cached page (its JSON is made once). */
function fromCi(page: JobPage) {
  let tagged = CI_ANSWERS.get(page);
  if (!tagged) CI_ANSWERS.set(page, (tagged = { ...page, source: 'ci' }));
  return tagged;
}

/** GET /api/jobs: CI's list, or the index's when a parameter only the index answers is given. */
export async function jobsRoute(backend: BucketBackend, search: URLSearchParams): Promise<Response> {
  const parsed = parseJobsQuery(search);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  const query = parsed.value;
  if (!query.needsIndex) {
    const { tag, ...rest } = query.ci;
    return ok(fromCi(await backend.client.listJobs({ ...rest, tag: tag! })));
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
