import { bucketRoute } from '@/server/api/bucket';
import { exportRoute } from '@/server/index/routes';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/export?format=csv|json&…[&bucket=…]: every matching job, streamed from the job index. */
export function GET(request: Request) {
  return bucketRoute(request, exportRoute);
}
