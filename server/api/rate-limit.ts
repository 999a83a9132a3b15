/**
 * A token limiter per client key (the token-bucket algorithm, named otherwise here because a bucket
 * in this project is a CI bucket): `burst` requests at once, refilled at `perSecond`. Answers how
 * long to wait when out of tokens, for Retry-After. Allowances idle for a minute are dropped so a
 * scan of many addresses cannot grow memory without bound.
 */
import 'server-only';

interface Allowance {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly allowances = new Map<string, Allowance>();
  private lastSweep = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** 0 when allowed (and counted), else the seconds to wait. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const b = this.allowances.get(key) ?? { tokens: this.burst, updated: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.updated) / 1000) * this.perSecond);
    b.updated = now;
    this.allowances.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }

  private sweep(now: number) {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [key, b] of this.allowances) if (now - b.updated > 60_000) this.allowances.delete(key);
  }
}
