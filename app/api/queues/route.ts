import { badRequest, fromError, ok } from '@/lib/api-server/responses';
import { takeBucket } from '@/lib/api-server/bucket';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/** GET /api/queues[?bucket=…]: every queue of every queue type. */
export async function GET(request: Request) {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  try {
    const chosen = await takeBucket(new URL(request.url).searchParams);
    if (!chosen.ok) return chosen.response;
    const first = [...chosen.rest.keys()][0];
    if (first !== undefined) return badRequest(first, `Unknown parameter "${first.slice(0, 40)}"; this route takes only bucket`);
    return ok({ queues: await chosen.backend.client.listQueues() });
  } catch (error) {
    return fromError(error);
  }
}
