/**
 * A limit per client key: `burst` requests at once and `perSecond` on average, kept by
 * rate-limiter-flexible (a widely used, maintained library) as `burst` points per window of
 * burst/perSecond seconds. `take` answers 0 when the request may go on (and counts it), else the
 * whole seconds to wait, for Retry-After.
 *
 * Where the counts live:
 * - With DATABASE_URL (replicas): in the PostgreSQL table `rate_limits` (RateLimiterPostgres over
 *   the store's pool), so a client has its limit once, not once per replica. A client that went
 *   over is then refused from memory until its window ends (no query per refused request), and if
 *   the database cannot be reached, each process limits on its own memory meanwhile.
 * - Otherwise (one process, with or without the embedded PGlite store): in memory
 *   (RateLimiterMemory). PGlite belongs to this process alone, so memory already covers every
 *   request that reaches it, and costs no query per request.
 */
import 'server-only';

import type { Pool } from 'pg';
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
  type RateLimiterStoreAbstract,
} from 'rate-limiter-flexible';

export interface RateLimiterOptions {
  /** Names this limit's keys in the shared table (`api:<client>`, `login:<client>`). */
  name: string;
  /** The shared store's pool; absent: counted in this process's memory. */
  pool?: () => Promise<Pool>;
}

/** The table migration 0002 makes for rate-limiter-flexible. */
const TABLE = 'rate_limits';

export class RateLimiter {
  private readonly memory: RateLimiterMemory;
  private shared: Promise<RateLimiterStoreAbstract> | null = null;
  private readonly points: number;
  private readonly duration: number;

  constructor(
    perSecond: number,
    burst: number,
    private readonly options: RateLimiterOptions,
  ) {
    this.points = Math.max(1, Math.round(burst));
    this.duration = Math.max(1, Math.round(burst / perSecond));
    this.memory = new RateLimiterMemory({ keyPrefix: options.name, points: this.points, duration: this.duration });
  }

  /** 0 when allowed (and counted), else the seconds to wait. */
  async take(key: string): Promise<number> {
    try {
      await (await this.limiter()).consume(key);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw error;
    }
  }

  private async limiter(): Promise<RateLimiterAbstract> {
    const pool = this.options.pool;
    if (!pool) return this.memory;
    if (!this.shared) {
      const attempt = pool().then(
        (storeClient) =>
          new RateLimiterPostgres({
            storeClient,
            storeType: 'pool',
            tableName: TABLE,
            tableCreated: true,
            keyPrefix: this.options.name,
            points: this.points,
            duration: this.duration,
            // Over the limit: refused from memory for the rest of the window, without a query.
            inMemoryBlockOnConsumed: this.points + 1,
            // The database unreachable: this process's own count meanwhile.
            insuranceLimiter: this.memory,
          }),
      );
      this.shared = attempt;
      // A store that could not open is tried again at the next request.
      attempt.catch(() => {
        if (this.shared === attempt) this.shared = null;
      });
    }
    return this.shared.catch(() => this.memory);
  }
}
