/**
 * A `fetch` for CiConfig.via: sends each request to one fixed origin (the embedded emulator, or
 * CI_ENDPOINT with CI_BUCKETS) while keeping the Host header of the URL asked for, which is how
 * CI — and the emulator — tell buckets apart and what the signature covers.
 *
 * Why not the global fetch: it replaces any Host header with the URL's own host. node:http keeps
 * it. Only what CiClient uses is implemented: GET, headers, an AbortSignal, a text body. Errors
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
      const resolve = (r: Response) => (settle(), resolveOuter(r));
      const reject = (e: Error) => (settle(), rejectOuter(e));
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
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => reject(new TypeError('fetch failed', { cause: error })));
          res.on('end', () => {
            if (!res.complete)
              return reject(new TypeError('fetch failed', { cause: new Error('the response ended early') }));
            const out = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              if (value !== undefined) out.set(name, Array.isArray(value) ? value.join(', ') : value);
            }
            resolve(
              new Response(Buffer.concat(chunks), {
                status: res.statusCode ?? 502,
                statusText: res.statusMessage ?? '',
                headers: out,
              }),
            );
          });
        },
      );
      function onAbort() {
        req.destroy();
        if (signal) reject(abortReason(signal));
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (error) =>
        reject(signal?.aborted ? abortReason(signal) : new TypeError('fetch failed', { cause: error })),
      );
      req.end();
    });
  };
  return routed;
}
