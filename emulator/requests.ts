/**
 * The request log behind GET /__emulator/requests and /__emulator/stats: what clients actually
 * sent (so tests can assert on the wire, e.g. that every parameter was signed or that a retry
 * happened) and how it was answered. A ring buffer keeps memory flat under load tests.
 */

export interface RequestRecord {
  /** Sequence number since start (survives clearing, so records stay distinguishable). */
  seq: number;
  requestId: string;
  /** ISO time the request arrived, by the emulator's clock. */
  time: string;
  method: string;
  /** The Host header as it arrived: which bucket was addressed, and what the signature covers. */
  host?: string;
  /** The bucket that answered (absent when the Host named none this emulator serves). */
  bucket?: string;
  /** The User-Agent the client sent (the dashboard names its index sync there). */
  userAgent?: string;
  /** Decoded path. */
  path: string;
  /** Query parameters as received, decoded, in order. */
  query: [string, string][];
  status: number;
  /** CI error code when the answer was an error. */
  code?: string;
  /** Why the request was refused, for debugging signatures (never contains a SecretKey). */
  detail?: string;
  /** Parameters that CI ignores (unknown names). */
  ignored?: string[];
  /** Injected faults, e.g. ['latency', 'error']. */
  faults?: string[];
  durationMs: number;
}

export const DEFAULT_LOG_CAPACITY = 10_000;

export class RequestLog {
  private readonly ring: (RequestRecord | undefined)[];
  private next = 0;
  private size = 0;
  private seq = 0;
  total = 0;
  readonly byStatus = new Map<number, number>();
  readonly byRoute = new Map<string, number>();

  constructor(readonly capacity = DEFAULT_LOG_CAPACITY) {
    this.ring = new Array<RequestRecord | undefined>(capacity);
  }

  nextSeq(): number {
    return ++this.seq;
  }

  add(record: RequestRecord, route: string): void {
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
    this.total++;
    this.byStatus.set(record.status, (this.byStatus.get(record.status) ?? 0) + 1);
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  /** Oldest first. */
  list(): RequestRecord[] {
    const out: RequestRecord[] = [];
    const start = (this.next - this.size + this.capacity) % this.capacity;
    for (let i = 0; i < this.size; i++) {
      const r = this.ring[(start + i) % this.capacity];
      if (r) out.push(r);
    }
    return out;
  }

  /** Empties the buffer; the counters behind /stats keep running. */
  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }
}
