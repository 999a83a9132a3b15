/**
 * A `fetch` for CiConfig.via: sends each request to one fixed origin (the embedded emulator, or
 * CI_ENDPOINT with CI_BUCKETS) while keeping the Host header of the URL asked for, which is how
 * CI — and the emulator — tell buckets apart and what the signature covers.
 *
 * Why not the global fetch: it replaces any Host header with the URL's own host. node:http keeps
 * it. Only what CiClient uses is implemented: GET, headers, an AbortSignal, a streamed body. Errors
 * take fetch's shapes so the client's handling is the same (a TypeError with the socket error as
 * `cause`; the signal's reason, e.g. a TimeoutError, when aborted).
 */
import 'server-only';

import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

import { abortReason } from '@/lib/abort';

export function routedFetch(origin: string): typeof fetch {
  const target = new URL(origin);
  const secure = target.protocol === 'https:';
  // Pooled connections, as the global fetch keeps them; the emulator's keep-alive outlasts ours.
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const send = secure ? httpsRequest : httpRequest;

  const routed = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers: Record<string, string> = {
      ...Object.fromEntries(new Headers(init.headers).entries()),
      host: url.host,
    };
    const signal = init.signal ?? undefined;
    return new Promise<Response>((resolveOuter, rejectOuter) => {
      if (signal?.aborted) return rejectOuter(abortReason(signal));
      const settle = () => signal?.removeEventListener('abort', onAbort);
      const reject = (e: Error) => (settle(), rejectOuter(e));
      // Once the headers are in, failures go to the body stream instead of the promise.
      let failBody: ((reason: Error) => void) | null = null;
      const req = send(
        {
          protocol: target.protocol,
          hostname: target.hostname.replace(/^\[|\]$/g, ''),
          port: target.port || (secure ? 443 : 80),
          method: init.method ?? 'GET',
          path: `${url.pathname}${url.search}`,
          headers,
          agent,
          ...(secure ? { servername: target.hostname } : {}),
        },
        (res: IncomingMessage) => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) {
            if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
          }
          // The body streams, as fetch's does: the reader decides how much to take (the client stops
          // at CI_MAX_RESPONSE_BYTES and cancels, which drops the connection), and the abort signal
          // still covers it until the last byte.
          let open = true;
          const body = new ReadableStream<Uint8Array>({
            start(controller) {
              const fail = (reason: unknown) => {
                settle();
                if (open) controller.error(reason);
                open = false;
                res.destroy();
              };
              failBody = fail;
              res.on('data', (chunk: Buffer) => {
                if (open) controller.enqueue(new Uint8Array(chunk));
              });
              res.on('error', (error) => fail(new TypeError('fetch failed', { cause: error })));
              res.on('end', () => {
                if (!res.complete)
                  return fail(new TypeError('fetch failed', { cause: new Error('the response ended early') }));
                settle();
                if (open) controller.close();
                open = false;
              });
            },
            cancel() {
              open = false;
              settle();
              res.destroy();
            },
          });
          resolveOuter(
            new Response(body, { status: res.statusCode ?? 502, statusText: res.statusMessage ?? '', headers: out }),
          );
        },
      );
      function onAbort() {
        req.destroy();
        const reason = signal ? abortReason(signal) : new Error('aborted');
        if (failBody) failBody(reason);
        else reject(reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) => {
        const reason = signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error });
        if (failBody) failBody(reason);
        else reject(reason);
      });
      req.end();
    });
  };
  return routed;
}
