/**
 * The text/event-stream format GET /api/events writes (server/events/sse.ts), read back by a
 * standard parser (eventsource-parser, as EventSource reads it): ids, names and data arrive whole,
 * multi-line data survives, comments and retry hints are what the standard says, and a client's
 * Last-Event-ID is taken only when it is one of ours.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { describe, expect, it } from 'vitest';

import { parseLastEventId, sseComment, sseMessage, sseRetry } from '@/server/events/sse';

function parse(text: string) {
  const events: EventSourceMessage[] = [];
  const comments: string[] = [];
  let retry: number | null = null;
  const parser = createParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => (retry = ms),
  });
  parser.feed(text);
  return { events, comments, retry };
}

describe('server-sent events', () => {
  it('writes an event with its id, name and JSON data, ended by a blank line', () => {
    const text = sseMessage({ id: 42, event: 'jobs', data: { bucket: 'b', jobs: [{ id: 'j1', state: 'Success' }] } });
    expect(text).toBe('event: jobs\ndata: {"bucket":"b","jobs":[{"id":"j1","state":"Success"}]}\nid: 42\n\n');
    expect(parse(text).events).toEqual([
      { id: '42', event: 'jobs', data: '{"bucket":"b","jobs":[{"id":"j1","state":"Success"}]}' },
    ]);
  });

  it('keeps data of several lines whole, in any line-break style', () => {
    const { events } = parse(sseMessage({ data: 'one\ntwo\r\nthree\rfour' }));
    expect(events).toEqual([{ id: undefined, event: undefined, data: 'one\ntwo\nthree\nfour' }]);
  });

  it('refuses an id or a name that would break the stream', () => {
    expect(() => sseMessage({ id: '1\nevent: forged', data: 'x' })).toThrow();
    expect(() => sseMessage({ event: 'jobs\ndata: forged', data: 'x' })).toThrow();
    expect(() => sseMessage({ event: '', data: 'x' })).toThrow();
  });

  it('writes heartbeats as comments and the reconnect delay as retry', () => {
    const { events, comments, retry } = parse(sseComment('heartbeat\nid: 9') + sseRetry(3000));
    expect(events).toEqual([]);
    expect(comments).toEqual(['heartbeat id: 9']);
    expect(retry).toBe(3000);
  });

  it.each([
    ['17', 17],
    [' 17 ', 17],
    ['0', 0],
    ['', null],
    ['-1', null],
    ['1e3', null],
    ['12abc', null],
    ['9'.repeat(16), null],
    [null, null],
  ])('reads Last-Event-ID %j as %j', (header, id) => {
    expect(parseLastEventId(header)).toBe(id);
  });
});
