import { cookies } from 'next/headers';

import { redirectTo } from '@/server/api/redirect';
import { fromError } from '@/server/api/responses';
import { denyCrossOrigin } from '@/server/api/same-origin';
import { endSession, SESSION_COOKIE } from '@/server/auth/session';

export const dynamic = 'force-dynamic';

/**
 * POST /api/auth/logout — signs the session out on the server (its ID goes on the revocation list,
 * so a copy of the cookie stops working too), clears the cookie and returns to the login page.
 * From this dashboard's own pages only: another site must not be able to sign a user out.
 */
export async function POST(request: Request) {
  const denied = denyCrossOrigin(request, 'Sign-out works only from a page of this dashboard');
  if (denied) return denied;
  try {
    await endSession((await cookies()).get(SESSION_COOKIE)?.value);
  } catch (error) {
    return fromError(error);
  }
  const response = redirectTo('/login');
  response.headers.append('set-cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  return response;
}
