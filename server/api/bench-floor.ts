/**
 * GET /api/bench/floor?bytes=N: the floor bench P2 measures /api/jobs against — a route of this
 * same build that answers a constant JSON body of N bytes through the same proxy, headers and
 * response helper, doing nothing else. What /api/jobs costs above it is ours; the rest is Next's.
 * Closed (404, as any unknown path) unless the server was started with BENCH_FLOOR_ROUTE=on.
 */
import 'server-only';

import { flag, type Env } from '@/server/config/env';

import { apiError, badRequest, fromError, ok } from './responses';

/** As large as a page can be (CI_MAX_RESPONSE_BYTES' default): a bench flag must not buy more. */
const MAX_BYTES = 8 * 1024 * 1024;

/** One body per size, built once: the route's cost is the framework's, not the building. */
const bodies = new Map<number, { filler: string }>();

export function benchFloorRoute(request: Request, env: Env = process.env): Response {
  let open: boolean;
  try {
    open = flag(env, 'BENCH_FLOOR_ROUTE', false);
  } catch (error) {
    return fromError(error); // a bad value: 500 naming the variable, as any bad setting
  }
  if (!open) return apiError(404, 'NotFound', 'There is nothing at this path');
  const values = new URL(request.url).searchParams.getAll('bytes');
  const raw = values[0] ?? '';
  const bytes = /^\d{1,8}$/.test(raw) ? Number(raw) : NaN;
  if (values.length !== 1 || !(bytes >= 16 && bytes <= MAX_BYTES))
    return badRequest('bytes', `bytes must be given once, a whole number from 16 to ${MAX_BYTES}`);
  let body = bodies.get(bytes);
  if (!body) {
    // `{"filler":"…"}` is 13 bytes around the filler.
    body = { filler: 'x'.repeat(bytes - 13) };
    if (bodies.size < 16) bodies.set(bytes, body);
  }
  return ok(body);
}
