/**
 * GET /api/events?[bucket=…][&tag=…]: Server-Sent Events telling a browser that jobs it shows
 * changed in the index — `event: jobs` with `{ bucket, tag, jobs: [{ id, state }] }` — so it
 * refetches them rather than polling. Each event has the change log's id; a browser that
 * reconnects (to this replica or another) sends the last as Last-Event-ID and gets what it missed,
 * or `event: reset` when the log no longer reaches back that far (refetch everything shown).
 * The first message, `event: ready`, carries the current id, so even a quiet stream can resume.
 *
 * Made for proxies: no caching or transformation, `X-Accel-Buffering: no` (nginx), a comment every
 * HEARTBEAT_MS so idle timeouts do not fire, and a `retry:` hint. Each client has at most
 * MAX_STREAMS_PER_CLIENT streams open on a replica (429 beyond), and every stream ends when the
 * server shuts down (server/events/hub.ts), so browsers move to a replica that is up.
 */
import 'server-only';

import { isTag, TAG_CODES } from '@/lib/ci/tags';
import { bucketRoute } from '@/server/api/bucket';
import { clientKey } from '@/server/api/clients';
import { apiError, badRequest } from '@/server/api/responses';
import { serverConfig } from '@/server/config';
import { backlogAfter, type EventFilter, type JobEvent } from '@/server/index/events';
import { jobIndex } from '@/server/index/runtime';

import { eventHub } from './hub';
import { parseLastEventId, sseComment, sseMessage, sseRetry } from './sse';

export const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting (EventSource's `retry`). */
export const RETRY_MS = 3_000;
/** A few tabs of one operator; more is a client gone wrong, or a scan. */
export const MAX_STREAMS_PER_CLIENT = 8;

const encoder = new TextEncoder();

/** The event a browser acts on: what changed, without the log's bookkeeping. */
const jobsMessage = (event: JobEvent) =>
  sseMessage({ id: event.id, event: 'jobs', data: { bucket: event.bucket, tag: event.tag, jobs: event.jobs } });

export function eventsRoute(request: Request): Promise<Response> {
  return bucketRoute(request, async (backend, rest) => {
    const extra = [...rest.keys()].find((k) => k !== 'tag');
    if (extra !== undefined) {
      return badRequest(extra, `Unknown parameter "${extra.slice(0, 40)}"; this route takes bucket and tag`);
    }
    const tags = rest.getAll('tag');
    if (tags.length > 1) return badRequest('tag', 'tag must be given at most once');
    const tag = tags[0] ?? null;
    if (tag !== null && !isTag(tag)) {
      return badRequest(
        'tag',
        `Unknown tag "${tag.slice(0, 40)}"; leave it out for every tag, or one of ${TAG_CODES.join(', ')}`,
      );
    }
    const index = jobIndex();
    if (!index) {
      const why = serverConfig().index.enabled ? 'is starting' : 'is off (INDEX=off)';
      return apiError(
        503,
        'IndexUnavailable',
        `Live push needs the job index, which ${why}; pages poll instead`,
        {},
        {
          'retry-after': '30',
        },
      );
    }
    const hub = await eventHub(index.store);
    const client = clientKey(request.headers);
    if (hub.count(client) >= MAX_STREAMS_PER_CLIENT) {
      return apiError(
        429,
        'TooManyStreams',
        `At most ${MAX_STREAMS_PER_CLIENT} event streams per client are open at once; close a tab or try again later`,
        {},
        { 'retry-after': String(Math.round(RETRY_MS / 1000) * 10) },
      );
    }
    const filter: EventFilter = { bucket: backend.bucket, tag };
    const header = request.headers.get('last-event-id');
    const lastId = parseLastEventId(header);
    return new Response(stream(hub, filter, client, header, lastId, request.signal), {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
      },
    });
  });
}

function stream(
  hub: Awaited<ReturnType<typeof eventHub>>,
  filter: EventFilter,
  client: string,
  header: string | null,
  lastId: number | null,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  let cleanup: (close?: boolean) => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Events that arrive while the backlog is read wait here; `sentUpTo` drops the ones it had.
      let sentUpTo = hub.lastId;
      let queued: JobEvent[] | null = [];
      const unsubscribe = hub.subscribe({
        filter,
        client,
        send(event) {
          if (queued) queued.push(event);
          else if (event.id > sentUpTo) {
            sentUpTo = event.id;
            write(jobsMessage(event));
          }
        },
        close: () => cleanup(true),
      });
      const heartbeat = setInterval(() => write(sseComment('heartbeat')), HEARTBEAT_MS);
      heartbeat.unref();
      cleanup = (close = false) => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        signal.removeEventListener('abort', onAbort);
        if (close) {
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        }
      };
      const onAbort = () => cleanup();
      signal.addEventListener('abort', onAbort);

      write(sseRetry(RETRY_MS));
      let reset = header !== null && lastId === null; // a Last-Event-ID that is none of ours
      if (lastId !== null) {
        try {
          const backlog = await backlogAfter(hub.store.db, lastId, filter);
          if (backlog.reset) {
            reset = true;
            sentUpTo = Math.max(sentUpTo, backlog.newest);
          } else {
            for (const event of backlog.events) write(jobsMessage(event));
            sentUpTo = Math.max(sentUpTo, lastId, backlog.events.at(-1)?.id ?? 0);
          }
        } catch {
          reset = true; // the log could not be read: refetching is always safe
        }
      }
      if (reset) write(sseMessage({ id: sentUpTo, event: 'reset', data: { bucket: filter.bucket } }));
      write(
        sseMessage({
          id: sentUpTo,
          event: 'ready',
          data: { bucket: filter.bucket, tag: filter.tag, replica: serverConfig().index.replicaId },
        }),
      );
      const waiting = queued;
      queued = null;
      for (const event of waiting) {
        if (event.id <= sentUpTo) continue;
        sentUpTo = event.id;
        write(jobsMessage(event));
      }
    },
    cancel() {
      cleanup();
    },
  });
}
