/**
 * A redirect to a path of this site, with a relative Location. Next builds request.url from its
 * own idea of the host (it says `localhost` when bound to 127.0.0.1), and an absolute redirect to a
 * different origin breaks cookies and CSP's form-action; a relative one keeps the browser's origin.
 */
import 'server-only';

export function redirectTo(pathWithQuery: string, status: 303 | 307 = 303): Response {
  return new Response(null, { status, headers: { location: pathWithQuery, 'cache-control': 'no-store' } });
}
