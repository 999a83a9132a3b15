/**
 * The Server-Sent Events wire format (the HTML standard's text/event-stream): what GET /api/events
 * writes. Fields are `name: value` lines, a blank line ends a message, a line starting with `:` is
 * a comment (the heartbeat). A value never holds a line break: data of several lines is several
 * `data:` lines, and ids and event names are checked to be single-line.
 */
import 'server-only';

export interface SseMessage {
  /** Sets the client's last event id, sent back as Last-Event-ID when it reconnects. */
  id?: number | string;
  /** The event's type (addEventListener name); absent: "message". */
  event?: string;
  /** Any JSON value, serialised; or text, split into `data:` lines. */
  data: unknown;
}

const SINGLE_LINE = /^[^\r\n]*$/;

export function sseMessage({ id, event, data }: SseMessage): string {
  let out = '';
  if (event !== undefined) {
    if (!SINGLE_LINE.test(event) || event === '') throw new Error('an SSE event name is one non-empty line');
    out += `event: ${event}\n`;
  }
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  for (const line of text.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  // The id last: a client that sees the message has its data, then its position.
  if (id !== undefined) {
    const value = String(id);
    if (!SINGLE_LINE.test(value) || value.includes('\0')) throw new Error('an SSE id is one line without NUL');
    out += `id: ${value}\n`;
  }
  return `${out}\n`;
}

/** A comment line: ignored by EventSource, but it keeps proxies and load balancers from timing out. */
export function sseComment(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}

/** How long the browser waits before reconnecting after the stream ends. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/** The Last-Event-ID a client sent: an event id of ours (a non-negative integer), else null. */
export function parseLastEventId(value: string | null): number | null {
  if (value === null || !/^\d{1,15}$/.test(value.trim())) return null;
  return Number(value.trim());
}
