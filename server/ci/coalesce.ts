/**
 * Identical reads in flight share one upstream call, and answers are kept for a short TTL, so
 * that many operators watching the same view cost about one CI call per refresh window.
 * Failures are shared by the callers already waiting but never kept.
 */
import 'server-only';

interface Entry<T> {
  value: T;
  expires: number;
}

export class CoalescingCache<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  private readonly fresh = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 500,
    // Read at each use (not Date.now captured once), so a test's clock applies.
    private readonly now: () => number = () => Date.now(),
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.fresh.get(key);
    if (hit && hit.expires > this.now()) return Promise.resolve(hit.value);
    if (hit) this.fresh.delete(key);

    const pending = this.inFlight.get(key);
    if (pending) return pending;

    const call = load().then(
      (value) => {
        this.inFlight.delete(key);
        if (this.ttlMs > 0) this.remember(key, value);
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

  private remember(key: string, value: T) {
    // Map keeps insertion order: the first key is the oldest, dropped when full.
    if (this.fresh.size >= this.maxEntries) {
      const oldest = this.fresh.keys().next().value;
      if (oldest !== undefined) this.fresh.delete(oldest);
    }
    this.fresh.set(key, { value, expires: this.now() + this.ttlMs });
  }
}
