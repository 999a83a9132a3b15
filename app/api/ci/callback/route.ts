import { callbackRoute } from '@/server/index/callback-route';

export const dynamic = 'force-dynamic';

/** POST /api/ci/callback?token=…[&bucket=…]: CI's TaskFinish / WorkflowFinish notifications, into the job index. */
export function POST(request: Request) {
  return callbackRoute(request);
}
