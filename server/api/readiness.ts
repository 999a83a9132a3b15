/**
 * Readiness for a load balancer's probe (GET /api/health/ready): may this replica take traffic?
 * It can once its store answers (or when it runs without one). Open without a session — a probe
 * cannot sign in — so it says nothing but that: no bucket, region, replica name or store error
 * (those stay behind the session in GET /api/health).
 */
import 'server-only';

import { storeHealth, type StoreHealth } from '@/server/index/runtime';

export interface Readiness {
  ready: boolean;
  store: StoreHealth['state'];
}

/**
 * How long one store check answers every probe: the route is open to anyone, and the embedded
 * store serves one query at a time, so a flood of probes must not become a flood of queries.
 */
export const READINESS_FRESH_MS = 1000;

let last: { at: number; answer: Promise<Readiness> } | null = null;

export function readinessOf(state: StoreHealth['state']): Readiness {
  return { ready: state === 'ok' || state === 'off', store: state };
}

/** This replica's readiness, checked at most once per READINESS_FRESH_MS (callers in between share it). */
export function readiness(now = Date.now()): Promise<Readiness> {
  if (last && now - last.at < READINESS_FRESH_MS) return last.answer;
  const answer = storeHealth().then(({ state }) => readinessOf(state));
  last = { at: now, answer };
  return answer;
}
