import { CursorError, listAllTags } from '@/lib/ci/all-tags';
import { parseAllTagsQuery } from '@/lib/ci/all-tags-params';
import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { takeBucket } from '@/lib/api-server/bucket';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/all?…[&bucket=…]: one page of every tag's jobs merged by creation time, with a combined cursor. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  try {
    const chosen = await takeBucket(new URL(request.url).searchParams);
    if (!chosen.ok) return chosen.response;
    const parsed = parseAllTagsQuery(chosen.rest);
    if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
    // The cursor names its bucket: its NextTokens mean nothing in another one.
    return ok(await listAllTags(chosen.backend.client, parsed.value.params, parsed.value.cursor, { scope: chosen.backend.bucket }));
  } catch (error) {
    if (error instanceof CursorError) return badRequest('cursor', error.message);
    return fromError(error);
  }
}
