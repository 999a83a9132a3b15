import { benchFloorRoute } from '@/server/api/bench-floor';

export const dynamic = 'force-dynamic';

/** GET /api/bench/floor?bytes=N: bench P2's constant answer; 404 unless BENCH_FLOOR_ROUTE=on. */
export function GET(request: Request) {
  return benchFloorRoute(request);
}
