/**
 * A test's reader of a text/event-stream answer (GET /api/events), through a standard parser
 * (eventsource-parser, as a browser's EventSource reads it): every event is kept, and `next`
 * waits for one that matches. Works on a Response from fetch or from a route handler called in
 * process; `close` aborts the request (or cancels the body).
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SseReader {
  response: Response;
  events: EventSourceMessage[];
  comments: string[];
  retry: number | null;
  /** The last id seen, as EventSource would send it back in Last-Event-ID. */
  lastId(): string | null;
  /** The first event (already received or still to come) after `from` that matches. */
  next(match: (e: EventSourceMessage) => boolean, timeoutMs?: number, from?: number): Promise<EventSourceMessage>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

export function readSse(response: Response, abort?: AbortController): SseReader {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  let last: string | null = null;
  const reader: SseReader = {
    response,
    events,
    comments,
    retry: null,
    lastId: () => last,
    async next(match, timeoutMs = 30_000, from = 0) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = events.slice(from).find(match);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching event in ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const wake = () => {
            waiters.delete(wake);
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(wake, left);
          waiters.add(wake);
        });
      }
    },
    ended: Promise.resolve(),
    close() {
      abort?.abort();
      void body?.cancel().catch(() => undefined);
    },
  };
  const parser = createParser({
    onEvent(e) {
      if (e.id !== undefined) last = e.id;
      events.push(e);
      for (const w of [...waiters]) w();
    },
    onComment: (c) => comments.push(c),
    onRetry: (ms) => (reader.retry = ms),
  });
  const body = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  reader.ended = (async () => {
    if (!body) return;
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        parser.feed(value);
      }
    } catch {
      // aborted
    }
    for (const w of [...waiters]) w();
  })();
  return reader;
}
