import { CursorError, listAllTags } from '@/lib/ci/all-tags';
import { parseAllTagsQuery } from '@/lib/ci/all-tags-params';
import { getCiClient } from '@/lib/ci/backend';
import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/jobs/all?…: one page of every tag's jobs merged by creation time, with a combined cursor. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  const parsed = parseAllTagsQuery(new URL(request.url).searchParams);
  if (!parsed.ok) return badRequest(parsed.error.field, parsed.error.message);
  try {
    return ok(await listAllTags(await getCiClient(), parsed.value.params, parsed.value.cursor));
  } catch (error) {
    if (error instanceof CursorError) return badRequest('cursor', error.message);
    return fromError(error);
  }
}
