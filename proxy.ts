/**
 * In front of every request: security headers with a per-request CSP nonce, the read-only rule
 * (only GET/HEAD reach /api, but for login, logout and saved views), the session check when login is on, and
 * then a per-client rate limit on /api. Route handlers check the session again (server/api/guard.ts):
 * the proxy is the first line, not the only one.
 */
import { NextResponse, type NextRequest } from 'next/server';

import { clientKey, takeApi } from '@/server/api/clients';
import { rawQueryProblem } from '@/server/api/raw-query';
import { sameOriginPath } from '@/server/api/redirect';
import { loginRequired, SESSION_COOKIE, verifySession } from '@/server/auth/session';
import { apiSecurityHeaders, newNonce, securityHeaders } from '@/server/security/headers';

/**
 * CI's callback carries its own token (server/index/callback-route.ts): CI has no session; nor has
 * a load balancer's readiness probe (it learns only ready or not: server/api/readiness.ts).
 */
const PUBLIC_PATHS = new Set([
  '/login',
  '/api/auth/login',
  '/api/auth/logout',
  '/api/ci/callback',
  '/api/health/ready',
  '/icon.svg',
  '/favicon.ico',
]);
const API_HEADERS = apiSecurityHeaders();
/**
 * The only /api paths that take more than GET: sign-in/out, the user's saved views (PUT/DELETE)
 * and CI's callback into the job index (POST, with its token).
 */
const WRITE_ALLOWED = new Set(['/api/auth/login', '/api/auth/logout', '/api/views', '/api/ci/callback']);
/** Paths with a limiter of their own (the login route's, the callback's), not counted against the /api one. */
const OWN_LIMITER = new Set(['/api/auth/login', '/api/auth/logout', '/api/ci/callback']);

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  // JSON answers run no script: a fixed, stricter policy, and no nonce to make per request.
  const nonce = isApi ? '' : newNonce();
  const headers = isApi ? API_HEADERS : securityHeaders(nonce, process.env.NODE_ENV === 'development');
  const finish = (response: NextResponse) => {
    for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
    return response;
  };
  const apiError = (
    status: number,
    code: string,
    message: string,
    extra: Record<string, string> = {},
    field?: string,
  ) =>
    finish(
      NextResponse.json(
        { error: { code, message, ...(field !== undefined ? { field } : {}) } },
        { status, headers: { 'cache-control': 'no-store', ...extra } },
      ),
    );

  if (isApi && request.method !== 'GET' && request.method !== 'HEAD' && !WRITE_ALLOWED.has(pathname)) {
    return apiError(405, 'MethodNotAllowed', 'This dashboard is read-only: /api answers GET only', {
      allow: 'GET, HEAD',
    });
  }

  // Trailing-slash redirects are made here rather than by Next (next.config.js skips its own), so
  // they carry the security headers like every other answer.
  if (pathname.length > 1 && pathname.endsWith('/')) {
    return finish(
      redirectHere(request, sameOriginPath(`${pathname.replace(/\/+$/, '')}${request.nextUrl.search}`), 308),
    );
  }

  // The query as the client sent it (Next's own rewrite of it would hide these problems).
  const raw = isApi ? rawQueryProblem(request.nextUrl.search) : null;
  if (raw) return apiError(400, 'InvalidArgument', raw.message, {}, raw.field);

  // The session first: an anonymous client gets its 401 (or the login page) without spending the
  // /api limiter's budget, so it can neither use up a signed-in user's share nor learn the limits.
  if (loginRequired() && !PUBLIC_PATHS.has(pathname)) {
    const user = await verifySession(request.cookies.get(SESSION_COOKIE)?.value);
    if (!user) {
      if (isApi) return apiError(401, 'Unauthorized', 'Sign in to use the dashboard');
      const next = sameOriginPath(`${pathname}${request.nextUrl.search}`);
      return finish(redirectHere(request, `/login?${new URLSearchParams({ next })}`, 307));
    }
  }

  // Sign-in and sign-out have their own limiter (the login route): counting them here as well made
  // the login limit depend on how many data requests the open page had just made.
  if (isApi && !OWN_LIMITER.has(pathname)) {
    const wait = await takeApi(clientKey(request.headers));
    if (wait > 0) {
      return apiError(429, 'TooManyRequests', `Too many requests from this client; try again in ${wait} s`, {
        'retry-after': String(wait),
      });
    }
  }

  if (isApi) return finish(NextResponse.next());
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('content-security-policy', headers['content-security-policy']!);
  return finish(NextResponse.next({ request: { headers: forwarded } }));
}

/**
 * A redirect to a path of this site that reaches the browser as a relative Location: Next's proxy
 * runtime insists on an absolute URL, and rewrites one on the request's own origin into a relative
 * one — so the origin the client claimed (Host, X-Forwarded-Proto) never reaches the browser.
 */
function redirectHere(request: NextRequest, path: string, status: 307 | 308) {
  return NextResponse.redirect(new URL(path, request.url), status);
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
