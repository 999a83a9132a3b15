/**
 * The dashboard's own settings (not CI's, not login's): how hard a client may call /api and where
 * data written at run time lives.
 */
import 'server-only';

import path from 'node:path';

import { integer, text, type Env } from './env';

export interface DashboardSettings {
  /** /api requests per second per client (burst 3×); 0 turns the limit off. DASHBOARD_RATE_LIMIT, default 20. */
  rateLimitPerSecond: number;
  /**
   * How many reverse proxies stand in front of the server (DASHBOARD_TRUSTED_PROXIES, default 0):
   * 0 takes the client's address from the socket and ignores X-Forwarded-For, which any client can
   * send; N takes the address the N-th proxy from the server wrote into X-Forwarded-For.
   */
  trustedProxies: number;
  /** Where saved views (and the embedded store) are written: DASHBOARD_DATA_DIR, default `.data/` in the project. */
  dataDir: string;
}

export function readDashboardSettings(env: Env): DashboardSettings {
  const dir = text(env, 'DASHBOARD_DATA_DIR');
  return {
    rateLimitPerSecond: integer(env, 'DASHBOARD_RATE_LIMIT', { fallback: 20, max: 100_000 }),
    trustedProxies: integer(env, 'DASHBOARD_TRUSTED_PROXIES', { fallback: 0, max: 10 }),
    // Not traced into the build output: the directory is data written at run time, not code.
    dataDir: path.resolve(dir ?? path.join(/*turbopackIgnore: true*/ process.cwd(), '.data')),
  };
}
