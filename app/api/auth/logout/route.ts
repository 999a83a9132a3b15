import { NextResponse } from 'next/server';
import { cookieOptions, SESSION_COOKIE } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/** POST /api/auth/logout — ends the session and returns to the login page. */
export async function POST(request: Request) {
  const response = NextResponse.redirect(new URL('/login', request.url), 303);
  response.cookies.set(SESSION_COOKIE, '', { ...cookieOptions(0), maxAge: 0 });
  return response;
}
