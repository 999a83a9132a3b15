import { NextResponse } from 'next/server';

import { clientKey, loginLimiter } from '@/server/api/clients';
import { redirectTo, sameOriginPath } from '@/server/api/redirect';
import { apiError } from '@/server/api/responses';
import { denyCrossOrigin } from '@/server/api/same-origin';
import { verifyPassword } from '@/server/auth/password';
import { authConfig, cookieOptions, createSession, SESSION_COOKIE } from '@/server/auth/session';

/** A text field of the form ('' when absent, or when a file was sent in its place). */
const formText = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

export const dynamic = 'force-dynamic';

// A fixed hash to compare against for unknown users, so timing does not reveal which names exist.
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/**
 * POST /api/auth/login — from the login form (redirects back) or as JSON (answers JSON).
 * Attempts are rate-limited per client; only a page of this dashboard may post here (same-origin).
 */
export async function POST(request: Request) {
  // Login CSRF: another site must not sign the browser in (as someone else) with a form post.
  const denied = denyCrossOrigin(request, 'Sign-in works only from this dashboard’s login page');
  if (denied) return denied;
  const users = authConfig().users;
  const isForm = (request.headers.get('content-type') ?? '').includes('form');
  let user = '';
  let password = '';
  let next = '/jobs';
  try {
    if (isForm) {
      const form = await request.formData();
      user = formText(form.get('user'));
      password = formText(form.get('password'));
      next = sameOriginPath(form.get('next'));
    } else {
      const body = (await request.json()) as { user?: unknown; password?: unknown; next?: unknown };
      user = typeof body.user === 'string' ? body.user : '';
      password = typeof body.password === 'string' ? body.password : '';
      next = sameOriginPath(body.next);
    }
  } catch {
    return apiError(400, 'InvalidArgument', 'Send user and password as a form or as JSON', { field: 'body' });
  }
  const back = (error: string) => redirectTo(`/login?${new URLSearchParams({ error, next })}`);

  if (!users) return isForm ? redirectTo(next) : apiError(404, 'LoginOff', 'Login is not configured on this server');

  const wait = await loginLimiter().take(clientKey(request.headers));
  if (wait > 0) {
    if (isForm) return back('rate');
    return apiError(
      429,
      'TooManyRequests',
      `Too many login attempts; try again in ${wait} s`,
      {},
      { 'retry-after': String(wait) },
    );
  }
  const stored = users.get(user);
  const ok = (await verifyPassword(password.slice(0, 1024), stored ?? DUMMY_HASH)) && stored !== undefined;
  if (!ok) return isForm ? back('invalid') : apiError(401, 'InvalidCredentials', 'Wrong user name or password');

  const { token, maxAgeSeconds } = await createSession(user);
  const response = isForm ? redirectTo(next) : NextResponse.json({ user });
  const cookie = cookieOptions(maxAgeSeconds);
  response.headers.append(
    'set-cookie',
    `${SESSION_COOKIE}=${token}; Path=${cookie.path}; Max-Age=${cookie.maxAge}; HttpOnly; SameSite=Lax${cookie.secure ? '; Secure' : ''}`,
  );
  return response;
}
