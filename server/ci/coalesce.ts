/**
 * Identical reads in flight share one upstream call, and answers are kept for a short TTL, so
 * that many operators watching the same view cost about one CI call per refresh window.
 * Failures are shared by the callers already waiting but never kept.
 *
 * With a shared tier (server/ci/shared-reads: replicas on one PostgreSQL), a read this process has
 * not got fresh goes there, and only the one process that claims it asks CI: the window then holds
 * across replicas. Each process still shares its own callers' reads first (one query per read, not
 * per caller), and keeps the answer until the shared expiry.
 */
import 'server-only';

import type { SharedAnswer } from './shared-reads';

interface Entry<T> {
  value: T;
  expires: number;
}

/** Where answers are shared beyond this process (SharedReads, bound to a key scope). */
export interface SharedTier {
  get<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<SharedAnswer<T>>;
}

export class CoalescingCache<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly fresh = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    // Read at each use (not Date.now captured once), so a test's clock applies.
    private readonly now: () => number = () => Date.now(),
    private readonly shared: SharedTier | null = null,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.fresh.get(key);
    if (hit && hit.expires > this.now()) return Promise.resolve(hit.value);
    if (hit) this.fresh.delete(key);

    const pending = this.inFlight.get(key);
    if (pending) return pending;

    // Nothing to share beyond the calls in flight when answers are not kept (ttl 0).
    const answer =
      this.shared && this.ttlMs > 0
        ? this.shared.get(key, this.ttlMs, load)
        : load().then((value) => ({ value, expires: this.now() + this.ttlMs }));
    const call = answer.then(
      ({ value, expires }) => {
        this.inFlight.delete(key);
        if (this.ttlMs > 0) this.remember(key, value, expires);
        return value;
      },
      (error: unknown) => {
        this.inFlight.delete(key);
        throw error;
      },
    );
    this.inFlight.set(key, call);
    return call;
  }

  private remember(key: string, value: T, expires: number) {
    // Map keeps insertion order: the first key is the oldest, dropped when full.
    if (this.fresh.size >= this.maxEntries) {
      const oldest = this.fresh.keys().next().value;
      if (oldest !== undefined) this.fresh.delete(oldest);
    }
    this.fresh.set(key, { value, expires });
  }
}
