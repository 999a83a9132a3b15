import { getCiClient } from '@/lib/ci/backend';
import { JOB_ID } from '@/lib/ci/params';
import { apiError, badRequest, fromError, ok } from '@/lib/api-server/responses';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/<jobId>: one job with its original XML, or 404. */
export async function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  const { jobId } = await context.params;
  if (!JOB_ID.test(jobId)) return badRequest('jobId', 'jobId must be 1–64 letters, digits, "-" or "_"');
  if (new URL(request.url).searchParams.size > 0) {
    const name = [...new URL(request.url).searchParams.keys()][0] ?? 'query';
    return badRequest(name, `Unknown parameter "${name.slice(0, 40)}"; this route takes none`);
  }
  try {
    const found = await (await getCiClient()).getJob(jobId);
    if (!found) return apiError(404, 'NoSuchJob', `No job with ID ${jobId} exists in this bucket`, { field: 'jobId' });
    return ok(found);
  } catch (error) {
    return fromError(error);
  }
}
