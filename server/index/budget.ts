/**
 * The sync's manners towards CI: at most `qps` calls per second per bucket (a token bucket that
 * waits rather than refuses), and a count of the calls made in the last hour for /api/health.
 */
import 'server-only';

export class CallBudget {
  private tokens: number;
  private last: number;
  private readonly minutes = new Map<number, number>();

  constructor(
    private readonly qps: number,
    private readonly clock: () => number = () => performance.now(),
    private readonly wallClock: () => number = Date.now,
    private readonly wait: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    // No burst beyond one second's worth: the budget is a rate, also over a short window.
    this.tokens = Math.min(qps, 1);
    this.last = clock();
  }

  /** Resolves when a call may be made, and counts it. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.qps, this.tokens + ((now - this.last) / 1000) * this.qps);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.count();
        return;
      }
      await this.wait(Math.ceil(((1 - this.tokens) / this.qps) * 1000));
    }
  }

  private count() {
    const minute = Math.floor(this.wallClock() / 60_000);
    this.minutes.set(minute, (this.minutes.get(minute) ?? 0) + 1);
    for (const m of this.minutes.keys()) if (m <= minute - 60) this.minutes.delete(m);
  }

  /** CI calls made in the last 60 minutes (this one included). */
  callsLastHour(): number {
    const minute = Math.floor(this.wallClock() / 60_000);
    let sum = 0;
    for (const [m, n] of this.minutes) if (m > minute - 60) sum += n;
    return sum;
  }
}
