import { bucketRoute } from '@/server/api/bucket';
import { answer } from '@/server/api/responses';
import { listJobsPage } from '@/server/jobs/list-page';

export const dynamic = 'force-dynamic';

/** GET /api/jobs?tag=…[&bucket=…]: one page of CI's GET /jobs, validated strictly before anything is sent. */
export function GET(request: Request) {
  return bucketRoute(request, async (backend, rest) => answer(await listJobsPage(backend, rest)));
}
