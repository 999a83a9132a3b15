/**
 * Redirects to a path of this site, and the rule for a path a client asks to be sent to.
 *
 * The Location is relative: Next builds request.url from its own idea of the host (it says
 * `localhost` when bound to 127.0.0.1) and from client-sent Host / X-Forwarded-Proto headers; an
 * absolute redirect built from those could point at another origin, and would break cookies and
 * CSP's form-action. A relative one keeps the browser on the origin it used.
 */
import 'server-only';

/** Where to go when a requested path is not acceptable. */
export const DEFAULT_PATH = '/jobs';

/** An origin nothing can have: a path is same-origin when resolving it against this stays here. */
const PROBE = 'https://dashboard.invalid';

/**
 * `value` as a path of this site, or `/jobs`. Judged the way a browser reads a Location: resolved as
 * a URL, which drops tabs and newlines and reads a backslash as `/` (so `/` + backslash + `evil.example`,
 * `/` + tab + `/evil.example` and `//evil.example` all leave the site), and kept only if it stays on the same origin. The answer
 * is the resolved path, so what is redirected to is exactly what was judged.
 */
export function sameOriginPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 4096) return DEFAULT_PATH;
  let url: URL;
  try {
    url = new URL(value, PROBE);
  } catch {
    return DEFAULT_PATH;
  }
  if (url.origin !== PROBE) return DEFAULT_PATH;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that resolved onto the probe origin but reads differently once re-resolved is refused too.
  return path.startsWith('/') && !path.startsWith('//') ? path : DEFAULT_PATH;
}

export function redirectTo(pathWithQuery: string, status: 303 | 307 = 303): Response {
  return new Response(null, { status, headers: { location: pathWithQuery, 'cache-control': 'no-store' } });
}
