import { JOB_ID } from '@/lib/ci/params';
import { apiError, badRequest, fromError, ok } from '@/lib/api-server/responses';
import { takeBucket } from '@/lib/api-server/bucket';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/<jobId>[?bucket=…]: one job with its original XML, or 404. */
export async function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  const { jobId } = await context.params;
  if (!JOB_ID.test(jobId)) return badRequest('jobId', 'jobId must be 1–64 letters, digits, "-" or "_"');
  try {
    const chosen = await takeBucket(new URL(request.url).searchParams);
    if (!chosen.ok) return chosen.response;
    const name = [...chosen.rest.keys()][0];
    if (name !== undefined) return badRequest(name, `Unknown parameter "${name.slice(0, 40)}"; this route takes only bucket`);
    const found = await chosen.backend.client.getJob(jobId);
    if (!found) return apiError(404, 'NoSuchJob', `No job with ID ${jobId} exists in bucket ${chosen.backend.bucket}`, { field: 'jobId' });
    return ok(found);
  } catch (error) {
    return fromError(error);
  }
}
