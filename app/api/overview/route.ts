import { bucketRoute } from '@/server/api/bucket';
import { overviewRoute } from '@/server/index/routes';

export const dynamic = 'force-dynamic';

/** GET /api/overview?…[&bucket=…]: counts, time bars, run times and failures of a window, from the job index. */
export function GET(request: Request) {
  return bucketRoute(request, overviewRoute);
}
