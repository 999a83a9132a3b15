/**
 * The session check inside each /api route handler: the proxy checks first, this makes sure a
 * route stays closed even if a request reaches it some other way.
 */
import 'server-only';

import { cookies } from 'next/headers';

import { loginRequired, SESSION_COOKIE, verifySession } from '@/server/auth/session';

import { apiError } from './responses';

export async function denyWithoutSession() {
  if (!loginRequired()) return null;
  const user = await verifySession((await cookies()).get(SESSION_COOKIE)?.value);
  return user ? null : apiError(401, 'Unauthorized', 'Sign in to use the dashboard');
}
