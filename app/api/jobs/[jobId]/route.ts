import { JOB_ID } from '@/lib/ci/params';
import { bucketRoute } from '@/server/api/bucket';
import { apiError, badRequest, ok } from '@/server/api/responses';
import { findJob } from '@/server/jobs/job-page';

export const dynamic = 'force-dynamic';

/**
 * GET /api/jobs/<jobId>[?bucket=…]: one job with its original XML from CI (`source: 'ci'`); when CI
 * no longer has it, the job index's copy (`source: 'index'`), or 404.
 */
export function GET(request: Request, context: { params: Promise<{ jobId: string }> }) {
  return bucketRoute(
    request,
    async (backend) => {
      const { jobId } = await context.params;
      if (!JOB_ID.test(jobId)) return badRequest('jobId', 'jobId must be 1–64 letters, digits, "-" or "_"');
      const found = await findJob(backend, jobId);
      if (found) return ok(found);
      return apiError(404, 'NoSuchJob', `No job with ID ${jobId} exists in bucket ${backend.bucket}`, {
        field: 'jobId',
      });
    },
    { onlyBucket: true },
  );
}
