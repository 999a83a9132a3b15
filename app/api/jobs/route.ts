import { parseListJobsQuery } from '@/lib/ci/params';
import { bucketRoute } from '@/server/api/bucket';
import { badRequest, ok } from '@/server/api/responses';

export const dynamic = 'force-dynamic';

/** GET /api/jobs?tag=…[&bucket=…]: one page of CI's GET /jobs, validated strictly before anything is sent. */
export function GET(request: Request) {
  return bucketRoute(request, async (backend, rest) => {
    const parsed = parseListJobsQuery(rest);
    if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
    return ok(await backend.client.listJobs(parsed.value));
  });
}
