/**
 * POST /api/ci/callback?token=…[&bucket=…]: the only write from outside. Off (404) unless
 * INDEX_CALLBACK_TOKEN is set; a wrong or missing token is 401 (compared in constant time); the
 * body is capped at 1 MiB and the route has a rate limit of its own; a bad body is 400 and
 * changes nothing. TaskFinish jobs are upserted whole; WorkflowFinish's job IDs are read from CI
 * by the sync at its next cycle.
 */
import 'server-only';

import { sharedPool } from '@/server/api/clients';
import { RateLimiter } from '@/server/api/rate-limit';
import { apiError, badRequest, fromError, ok } from '@/server/api/responses';
import { getBackend } from '@/server/ci/backend';
import { toListItem } from '@/server/ci/xml';
import { serverConfig } from '@/server/config';

import { readyIndex, unavailableMessage } from './answers';
import { CALLBACK_MAX_BYTES, parseCallback, tokenMatches } from './callback';
import { writeJobs } from './write';

const KEY = Symbol.for('ci-jobs-dashboard.callback-limit');
/** CI sends from many addresses: one budget for the route, generous for a busy queue's callbacks. */
function limiter(): RateLimiter {
  const g = globalThis as { [KEY]?: RateLimiter };
  g[KEY] ??= new RateLimiter(100, 300, { name: 'callback', pool: sharedPool() });
  return g[KEY];
}

async function readCapped(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > CALLBACK_MAX_BYTES) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > CALLBACK_MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function callbackRoute(request: Request): Promise<Response> {
  try {
    const { callbackToken, enabled } = serverConfig().index;
    if (!enabled || !callbackToken) {
      return apiError(404, 'NotFound', 'CI callbacks are off on this server (INDEX_CALLBACK_TOKEN is not set)');
    }
    const wait = await limiter().take('callback');
    if (wait > 0) {
      return apiError(
        429,
        'TooManyRequests',
        `Too many callbacks; try again in ${wait} s`,
        {},
        { 'retry-after': String(wait) },
      );
    }
    const search = new URL(request.url).searchParams;
    const tokens = search.getAll('token');
    if (tokens.length !== 1 || !tokenMatches(tokens[0]!, callbackToken)) {
      return apiError(401, 'Unauthorized', 'The callback token is missing or wrong');
    }
    const unknown = [...search.keys()].find((k) => k !== 'token' && k !== 'bucket');
    if (unknown)
      return badRequest(unknown, `Unknown parameter "${unknown.slice(0, 40)}"; this route takes token and bucket`);
    const { buckets } = await getBackend();
    const name = search.get('bucket');
    const bucket = name ? buckets.find((b) => b.bucket === name) : buckets[0];
    if (!bucket)
      return badRequest('bucket', `Unknown bucket; this dashboard indexes ${buckets.map((b) => b.bucket).join(', ')}`);

    const body = await readCapped(request);
    if (body === null)
      return apiError(413, 'BodyTooLarge', `The callback body must be at most ${CALLBACK_MAX_BYTES} bytes`);
    const parsed = parseCallback(body, request.headers.get('content-type') ?? '');
    if (parsed.kind === 'invalid') return badRequest('body', parsed.message);

    const ready = await readyIndex(bucket.bucket);
    if (!ready.index) return apiError(503, 'IndexUnavailable', unavailableMessage(ready.health));
    if (parsed.kind === 'workflow') {
      const sync = ready.index.syncs.get(bucket.bucket);
      // The leader reads them at its next cycle; a replica that does not lead has no cycle to wait for.
      if (ready.index.syncing) sync?.request(parsed.jobIds);
      else await sync?.lookUpNow(parsed.jobIds);
      return ok({ accepted: parsed.jobIds.length, bucket: bucket.bucket, readFromCi: true });
    }
    const written = await writeJobs(
      ready.index.store.db,
      bucket.bucket,
      parsed.jobs.map((detail) => ({ item: toListItem(detail.job), detail })),
      Date.now(),
    );
    return ok({ accepted: parsed.jobs.length, bucket: bucket.bucket, ...written });
  } catch (error) {
    return fromError(error);
  }
}
