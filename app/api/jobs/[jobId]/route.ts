import { JOB_ID } from '@/lib/ci/params';
import { bucketRoute } from '@/server/api/bucket';
import { apiError, badRequest, ok } from '@/server/api/responses';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/<jobId>[?bucket=…]: one job with its original XML, or 404. */
export function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  return bucketRoute(
    request,
    async (backend) => {
      const { jobId } = await context.params;
      if (!JOB_ID.test(jobId)) return badRequest('jobId', 'jobId must be 1–64 letters, digits, "-" or "_"');
      const found = await backend.client.getJob(jobId);
      if (!found)
        return apiError(404, 'NoSuchJob', `No job with ID ${jobId} exists in bucket ${backend.bucket}`, {
          field: 'jobId',
        });
      return ok(found);
    },
    { onlyBucket: true },
  );
}
