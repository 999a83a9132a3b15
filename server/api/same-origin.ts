/**
 * CSRF defence for the few /api writes (sign-in, sign-out, saved views): the request must come
 * from a page of this dashboard. The browser says so itself, in headers a page cannot set:
 *
 * - `Origin`, which must name the origin the browser used for this request (its Host header —
 *   Next's own idea of the host may differ behind a proxy, see redirect.ts);
 * - `Sec-Fetch-Site: same-origin`. A form post (sign-in, sign-out) from a page with this site's
 *   `Referrer-Policy: no-referrer` carries `Origin: null` by the Fetch standard, so there this
 *   header is the proof; any other value refuses the request.
 *
 * With neither proof the request is refused: only browsers call these routes, and every current
 * browser sends one. The session cookie being SameSite=Lax already keeps it off cross-site PUTs;
 * this does not rely on that alone.
 */
import 'server-only';

import { apiError } from './responses';

function originHostOf(origin: string | null): string | null {
  if (!origin || origin === 'null') return null;
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function denyCrossOrigin(request: Request, what = 'Saved views change only from a page of this dashboard') {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  const site = request.headers.get('sec-fetch-site');
  const originHost = originHostOf(origin);
  const opaque = origin === null || origin === 'null';
  const sameOrigin =
    site !== null
      ? // The browser's word, and any real Origin it sent must agree.
        site === 'same-origin' && (opaque ? origin === 'null' : originHost !== null && originHost === host)
      : originHost !== null && host !== null && originHost === host;
  if (!sameOrigin) {
    return apiError(403, 'CrossOrigin', `${what} (the Origin header must be this site)`, { field: 'origin' });
  }
  return null;
}
