/**
 * The `bucket` query parameter every /api route takes: which configured bucket to ask (default the
 * first). Taken off the query here, before the strict GET /jobs rules (lib/ci/params.ts) see the
 * rest, so those stay exactly CI's parameters. A repeated, empty or unknown bucket is a 400 naming
 * the field and the configured buckets.
 */
import 'server-only';

import { findBucket, getBackend, type BucketBackend } from '@/server/ci/backend';

import { denyWithoutSession } from './guard';
import { badRequest, fromError } from './responses';

export type BucketChoice =
  { ok: true; backend: BucketBackend; rest: URLSearchParams } | { ok: false; response: Response };

export async function takeBucket(search: URLSearchParams): Promise<BucketChoice> {
  const values = search.getAll('bucket');
  const rest = new URLSearchParams([...search].filter(([name]) => name !== 'bucket'));
  const { buckets } = await getBackend();
  const names = buckets.map((b) => b.bucket).join(', ');
  if (values.length === 0) return { ok: true, backend: buckets[0]!, rest };
  if (values.length > 1)
    return { ok: false, response: badRequest('bucket', `bucket must be given at most once; one of ${names}`) };
  const name = values[0]!;
  if (name === '')
    return {
      ok: false,
      response: badRequest(
        'bucket',
        `bucket is empty; leave it out for the default (${buckets[0]!.bucket}) or name one of ${names}`,
      ),
    };
  const found = await findBucket(name);
  if (!found)
    return {
      ok: false,
      response: badRequest('bucket', `Unknown bucket "${name.slice(0, 64)}"; this dashboard shows ${names}`),
    };
  return { ok: true, backend: found, rest };
}

const onlyBucket = (name: string) =>
  badRequest(name, `Unknown parameter "${name.slice(0, 40)}"; this route takes only bucket`);

/**
 * The frame of every bucket-aware GET route: the session check, the bucket taken off the query
 * (and, with `onlyBucket`, any other parameter refused), and any failure inside answered by
 * fromError — so each route says only what it does with the chosen bucket.
 */
export async function bucketRoute(
  request: Request,
  handle: (backend: BucketBackend, rest: URLSearchParams) => Promise<Response>,
  { onlyBucket: strict = false }: { onlyBucket?: boolean } = {},
): Promise<Response> {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  try {
    const chosen = await takeBucket(new URL(request.url).searchParams);
    if (!chosen.ok) return chosen.response;
    const extra = strict ? [...chosen.rest.keys()][0] : undefined;
    if (extra !== undefined) return onlyBucket(extra);
    return await handle(chosen.backend, chosen.rest);
  } catch (error) {
    return fromError(error);
  }
}
