/**
 * CSRF defence for the few /api writes (sign-in, sign-out, saved views): the request must come from a page of this
 * dashboard. Browsers send Origin on every PUT/DELETE, and a page elsewhere cannot forge it; it
 * must name the origin the browser used for this request (its Host header — Next's own idea of
 * the host may differ behind a proxy, see redirect.ts). A missing Origin is refused too: only
 * browsers call these routes, and they always send one. The session cookie being SameSite=Lax
 * already keeps it off cross-site PUTs; this does not rely on that alone.
 */
import 'server-only';

import { apiError } from './responses';

export function denyCrossOrigin(request: Request, what = 'Saved views change only from a page of this dashboard') {
  const origin = request.headers.get('origin');
  const host = request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin && origin !== 'null' ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  const site = request.headers.get('sec-fetch-site');
  if (!originHost || !host || originHost !== host || (site !== null && site !== 'same-origin')) {
    return apiError(403, 'CrossOrigin', `${what} (the Origin header must be this site)`, {
      field: 'origin',
    });
  }
  return null;
}
