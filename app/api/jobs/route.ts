import { bucketRoute } from '@/server/api/bucket';
import { jobsRoute } from '@/server/index/routes';

export const dynamic = 'force-dynamic';

/**
 * GET /api/jobs?tag=…[&bucket=…]: one page of CI's GET /jobs, validated strictly before anything is
 * sent; with code, q, minDurationSec, maxDurationSec, tag=all or source=index, a page of the job
 * index with its total and cursor. Every answer names its `source`.
 */
export function GET(request: Request) {
  return bucketRoute(request, jobsRoute);
}
