import { bucketRoute } from '@/server/api/bucket';
import { answer } from '@/server/api/responses';
import { listAllTagsPage } from '@/server/jobs/list-page';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/all?…[&bucket=…]: one page of every tag's jobs merged by creation time, with a combined cursor. */
export function GET(request: Request) {
  return bucketRoute(request, async (backend, rest) => answer(await listAllTagsPage(backend, rest)));
}
