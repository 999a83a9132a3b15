import { redirectTo } from '@/server/api/redirect';
import { SESSION_COOKIE } from '@/server/auth/session';

export const dynamic = 'force-dynamic';

/** POST /api/auth/logout — ends the session and returns to the login page. */
export function POST() {
  const response = redirectTo('/login');
  response.headers.append('set-cookie', `${SESSION_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`);
  return response;
}
