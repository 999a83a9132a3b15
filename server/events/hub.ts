/**
 * This replica's side of live push: one reader of the index's change log (server/index/events.ts)
 * per process, woken by NOTIFY (PostgreSQL: every replica hears every writer's commit; PGlite: its
 * in-process listen), which hands each new event to the browsers of this replica whose filter it
 * matches. The notification only says "something new": the reader always reads the log from the
 * last id it saw, so a lost notification (a reconnect) delays an event, never drops one — and a
 * slow poll covers the time a LISTEN connection is down.
 */
import 'server-only';

import { eventBounds, eventsAfter, matches, type EventFilter, type JobEvent } from '@/server/index/events';
import type { JobStore } from '@/server/index/store';
import { EVENTS_CHANNEL } from '@/server/index/write';

/** The poll beside NOTIFY, while anyone listens. */
const POLL_MS = 5_000;

export interface Subscriber {
  filter: EventFilter;
  /** The client's address (the per-client cap). */
  client: string;
  send(event: JobEvent): void;
  /** Ends the stream (server shutdown). */
  close(): void;
}

export class EventHub {
  /** The newest event id read from the log. */
  lastId = 0;
  private readonly subscribers = new Set<Subscriber>();
  private stopListening: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  readonly ready: Promise<void>;

  constructor(readonly store: JobStore) {
    this.ready = (async () => {
      this.lastId = (await eventBounds(store.db)).newest;
      this.stopListening = await store.listen(EVENTS_CHANNEL, () => this.wake());
      this.poll = setInterval(() => {
        if (this.subscribers.size > 0) this.wake();
      }, POLL_MS);
      this.poll.unref();
    })();
  }

  /** Reads what is new (one reader at a time; a wake during a read reads again after it). */
  wake(): void {
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.again = false;
        try {
          for (;;) {
            const events = await eventsAfter(this.store.db, this.lastId, { limit: 1000 });
            for (const event of events) {
              this.lastId = event.id;
              for (const s of this.subscribers) if (matches(s.filter, event)) s.send(event);
            }
            if (events.length < 1000) break;
          }
        } catch (error) {
          // The store is unreachable: the next wake or poll tries again from the same id.
          console.error(`[events] could not read the change log: ${(error as Error).message}`);
        }
      } while (this.again);
    })().finally(() => (this.reading = null));
  }

  /** Streams of one client on this replica. */
  count(client: string): number {
    let n = 0;
    for (const s of this.subscribers) if (s.client === client) n++;
    return n;
  }

  get size(): number {
    return this.subscribers.size;
  }

  subscribe(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Ends every stream (each browser reconnects, to another replica if this one is going away). */
  closeAll(): void {
    for (const s of [...this.subscribers]) s.close();
    this.subscribers.clear();
  }

  async stop(): Promise<void> {
    this.closeAll();
    if (this.poll) clearInterval(this.poll);
    await this.ready.catch(() => undefined);
    await this.stopListening?.();
  }
}

const KEY = Symbol.for('ci-jobs-dashboard.event-hub');
type Holder = { [KEY]?: EventHub };

/** The hub of this process over `store`, started on first use (a replica nobody watches does not LISTEN). */
export async function eventHub(store: JobStore): Promise<EventHub> {
  const g = globalThis as Holder;
  if (g[KEY]?.store !== store) {
    const old = g[KEY];
    g[KEY] = new EventHub(store);
    if (old) void old.stop();
    if (!old) {
      // Streams end with the server, so browsers reconnect elsewhere rather than hang on a dead socket.
      for (const signal of ['SIGTERM', 'SIGINT'] as const)
        process.once(signal, () => (globalThis as Holder)[KEY]?.closeAll());
    }
  }
  const hub = g[KEY];
  await hub.ready;
  return hub;
}
