import { NextResponse } from 'next/server';

import { readiness } from '@/server/api/readiness';
import { badRequest } from '@/server/api/responses';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health/ready: 200 `{ ready: true, store }` when this replica can take traffic (its store
 * answered, or it runs without one), else 503 `{ ready: false, store }` (`starting`, `unreachable`,
 * `failed`). Open with login on (proxy.ts lists it), so it tells a stranger nothing more than that
 * (server/api/readiness.ts).
 */
export async function GET(request: Request) {
  const [name] = new URL(request.url).searchParams.keys();
  if (name !== undefined) return badRequest(name, `Unknown parameter "${name.slice(0, 40)}"; this route takes none`);
  const answer = await readiness();
  return NextResponse.json(answer, {
    status: answer.ready ? 200 : 503,
    headers: { 'cache-control': 'no-store', ...(answer.ready ? {} : { 'retry-after': '5' }) },
  });
}
