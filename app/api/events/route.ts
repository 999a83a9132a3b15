import { eventsRoute } from '@/server/events/route';

export const dynamic = 'force-dynamic';
// A long-lived stream of the process's own change feed (server/events/hub.ts): Node, never the Edge.
export const runtime = 'nodejs';

/** GET /api/events[?bucket=…][&tag=…]: Server-Sent Events when jobs change (server/events/route.ts). */
export function GET(request: Request) {
  return eventsRoute(request);
}
