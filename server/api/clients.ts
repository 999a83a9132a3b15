/**
 * Who a request comes from, for the rate limits, and the limiters themselves.
 *
 * The address is never the client's to choose. With no proxy in front (DASHBOARD_TRUSTED_PROXIES=0,
 * the default) it is the socket's, which scripts/peer-address.mjs hands in as `x-dashboard-peer`
 * (Next keeps a client-sent X-Forwarded-For as it is and does not add the socket's address, so that
 * header proves nothing). Behind N proxies, each appending the address it saw to X-Forwarded-For,
 * the client is the N-th entry from the right: everything left of it was sent by the client.
 */
import 'server-only';

import { RateLimiter } from '@/server/api/rate-limit';
import { serverConfig } from '@/server/config';
import { processStore, storeShared } from '@/server/index/process-store';

export const PEER_HEADER = 'x-dashboard-peer';

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const plain = (address: string) => address.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');

/** The client's address by the rules above, or null when the peer hook did not run. */
export function clientAddress(headers: Headers, trustedProxies: number): string | null {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return null;
  if (trustedProxies === 0) return plain(peer);
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return plain(peer);
  // Fewer entries than proxies: the request skipped the outer ones; every entry is still a proxy's.
  return plain(chain[Math.max(0, chain.length - trustedProxies)]!);
}

let warned = false;

/** The rate-limit key of a request: its client's address, or one shared key without the peer hook. */
export function clientKey(headers: Headers): string {
  const address = clientAddress(headers, serverConfig().dashboard.trustedProxies);
  if (address) return address;
  if (!warned) {
    warned = true;
    console.warn(
      '[rate-limit] the client address is unknown (start the server with npm start, which loads scripts/peer-address.mjs); all clients share one limit',
    );
  }
  return 'unknown';
}

const KEY = Symbol.for('ci-jobs-dashboard.rate-limits');
type Holder = { [KEY]?: { api: RateLimiter | null; login: RateLimiter } };

/** The shared store's PostgreSQL pool, when replicas share one (DATABASE_URL): the limits are counted there. */
export function sharedPool(): (() => Promise<import('pg').Pool>) | undefined {
  if (!storeShared()) return undefined;
  return async () => {
    const { pgPool } = await processStore();
    if (!pgPool) throw new Error('the shared store has no PostgreSQL pool');
    return pgPool;
  };
}

function limiters() {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const pool = sharedPool();
    // DASHBOARD_RATE_LIMIT: /api requests per second per client (burst 3×); 0 turns it off.
    const perSecond = serverConfig().dashboard.rateLimitPerSecond;
    const api = perSecond > 0 ? new RateLimiter(perSecond, perSecond * 3, { name: 'api', pool }) : null;
    // Login attempts: 5 at once, then one every 12 s, per client.
    holder[KEY] = { api, login: new RateLimiter(1 / 12, 5, { name: 'login', pool }) };
  }
  return holder[KEY];
}

/** The /api limit of a client: 0 to go on, else seconds to wait (always 0 with DASHBOARD_RATE_LIMIT=0). */
export const takeApi = (key: string): Promise<number> => limiters().api?.take(key) ?? Promise.resolve(0);
export const loginLimiter = () => limiters().login;
