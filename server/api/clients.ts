/**
 * Who a request comes from, for rate limits: the first X-Forwarded-For address (Next's server sets
 * it from the socket; a proxy in front appends to it), else one shared key.
 */
import 'server-only';

import { RateLimiter } from '@/server/api/rate-limit';
import { serverConfig } from '@/server/config';

export function clientKey(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}

const KEY = Symbol.for('ci-jobs-dashboard.rate-limits');
type Holder = { [KEY]?: { api: RateLimiter; login: RateLimiter } };

function limiters() {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    // DASHBOARD_RATE_LIMIT: /api requests per second per client (burst 3×); 0 turns it off.
    const perSecond = serverConfig().dashboard.rateLimitPerSecond;
    const api = perSecond > 0 ? new RateLimiter(perSecond, perSecond * 3) : new RateLimiter(1e9, 1e9);
    // Login attempts: 5 at once, then one every 12 s, per client.
    holder[KEY] = { api, login: new RateLimiter(1 / 12, 5) };
  }
  return holder[KEY];
}

export const apiLimiter = () => limiters().api;
export const loginLimiter = () => limiters().login;
