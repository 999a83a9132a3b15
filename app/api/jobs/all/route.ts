import { bucketRoute } from '@/server/api/bucket';
import { badRequest, ok } from '@/server/api/responses';
import { CursorError, listAllTags } from '@/server/ci/all-tags';
import { parseAllTagsQuery } from '@/server/ci/all-tags-params';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/all?…[&bucket=…]: one page of every tag's jobs merged by creation time, with a combined cursor. */
export function GET(request: Request) {
  return bucketRoute(request, async (backend, rest) => {
    const parsed = parseAllTagsQuery(rest);
    if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
    try {
      // The cursor names its bucket: its NextTokens mean nothing in another one.
      return ok(await listAllTags(backend.client, parsed.value.params, parsed.value.cursor, { scope: backend.bucket }));
    } catch (error) {
      if (error instanceof CursorError) return badRequest('cursor', error.message);
      throw error;
    }
  });
}
