import { getCiClient } from '@/lib/ci/backend';
import { parseListJobsQuery } from '@/lib/ci/params';
import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs?tag=…: one page of CI's GET /jobs, validated strictly before anything is sent. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  const parsed = parseListJobsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  try {
    const client = await getCiClient();
    return ok(await client.listJobs(parsed.value));
  } catch (error) {
    return fromError(error);
  }
}
