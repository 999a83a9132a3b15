import { getCiClient } from '@/lib/ci/backend';
import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/queues: every queue of every queue type. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  const first = [...new URL(request.url).searchParams.keys()][0];
  if (first !== undefined) return badRequest(first, `Unknown parameter "${first.slice(0, 40)}"; this route takes none`);
  try {
    return ok({ queues: await (await getCiClient()).listQueues() });
  } catch (error) {
    return fromError(error);
  }
}
