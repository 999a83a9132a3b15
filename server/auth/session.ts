/**
 * Sessions: a signed (HS256) JWT in an httpOnly, SameSite=Lax cookie, with an expiry. jose is a
 * small, audited, dependency-free JOSE library that runs in Node and in Next's proxy alike; a JWT
 * needs no server-side store, which suits a dashboard that may run as several processes.
 */
import 'server-only';

import { jwtVerify, SignJWT } from 'jose';

import { serverConfig } from '@/server/config';

import type { AuthConfig } from './config';

export const SESSION_COOKIE = 'ci_dashboard_session';

/** The login settings of this process (server/config: the proxy and route bundles share the session key). */
export function authConfig(): AuthConfig {
  return serverConfig().auth;
}

export function loginRequired(): boolean {
  return authConfig().users !== null;
}

export async function createSession(user: string): Promise<{ token: string; maxAgeSeconds: number }> {
  const { sessionKey, sessionHours } = authConfig();
  const maxAgeSeconds = Math.round(sessionHours * 3600);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user)
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .sign(sessionKey);
  return { token, maxAgeSeconds };
}

/** The user of a valid, unexpired session cookie, or null. */
export async function verifySession(token: string | undefined): Promise<string | null> {
  if (!token) return null;
  const { sessionKey, users } = authConfig();
  try {
    const { payload } = await jwtVerify(token, sessionKey, { algorithms: ['HS256'] });
    // A user removed from DASHBOARD_USERS loses access at once, even with a live cookie.
    return payload.sub && users?.has(payload.sub) ? payload.sub : null;
  } catch {
    return null;
  }
}

export function cookieOptions(maxAgeSeconds: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: authConfig().secureCookie,
    path: '/',
    maxAge: maxAgeSeconds,
  };
}
