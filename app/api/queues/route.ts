import { bucketRoute } from '@/server/api/bucket';
import { ok } from '@/server/api/responses';

export const dynamic = 'force-dynamic';

/** GET /api/queues[?bucket=…]: every queue of every queue type. */
export function GET(request: Request) {
  return bucketRoute(request, async (backend) => ok({ queues: await backend.client.listQueues() }), {
    onlyBucket: true,
  });
}
