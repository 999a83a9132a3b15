import { parseListJobsQuery } from '@/lib/ci/params';
import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { takeBucket } from '@/lib/api-server/bucket';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs?tag=…[&bucket=…]: one page of CI's GET /jobs, validated strictly before anything is sent. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  try {
    const chosen = await takeBucket(new URL(request.url).searchParams);
    if (!chosen.ok) return chosen.response;
    const parsed = parseListJobsQuery(chosen.rest);
    if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
    return ok(await chosen.backend.client.listJobs(parsed.value));
  } catch (error) {
    return fromError(error);
  }
}
