/**
 * Sessions: a signed (HS256) JWT in an httpOnly, SameSite=Lax cookie, with an expiry and an ID. jose
 * is a small, audited, dependency-free JOSE library that runs in Node and in Next's proxy alike.
 * The token carries everything but whether it was signed out: that is the one thing kept on the
 * server (server/auth/revocations), so sign-out ends a session even if its cookie was copied.
 */
import 'server-only';

import { randomUUID } from 'node:crypto';

import { jwtVerify, SignJWT } from 'jose';

import { serverConfig } from '@/server/config';

import type { AuthConfig } from './config';
import { sessionRevocations } from './revocations';

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
    .setJti(randomUUID())
    .setIssuedAt()
    .setExpirationTime(`${maxAgeSeconds}s`)
    .sign(sessionKey);
  return { token, maxAgeSeconds };
}

export interface Session {
  user: string;
  /** The session's ID (`jti`) and expiry (`exp`, seconds), for signing it out. */
  id: string;
  expiresAt: number;
}

/** The session of a valid, unexpired, not signed-out cookie, or null. */
export async function readSession(token: string | undefined): Promise<Session | null> {
  if (!token) return null;
  const { sessionKey, users } = authConfig();
  let payload;
  try {
    // jose checks `exp` only when present: a token without one (or without an ID) is refused here.
    ({ payload } = await jwtVerify(token, sessionKey, {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp', 'jti', 'iat'],
    }));
  } catch {
    return null;
  }
  // A user removed from DASHBOARD_USERS loses access at once, even with a live cookie.
  if (!payload.sub || !users?.has(payload.sub) || !payload.jti || typeof payload.exp !== 'number') return null;
  if (await sessionRevocations().isRevoked(payload.jti)) return null;
  return { user: payload.sub, id: payload.jti, expiresAt: payload.exp };
}

/** The user of a valid session cookie, or null. */
export async function verifySession(token: string | undefined): Promise<string | null> {
  return (await readSession(token))?.user ?? null;
}

/** Signs a session out for good: its cookie, wherever it was copied to, is refused from now on. */
export async function endSession(token: string | undefined): Promise<void> {
  const session = await readSession(token);
  if (session) await sessionRevocations().revoke(session.id, session.expiresAt);
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
