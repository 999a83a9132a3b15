/**
 * The JSON answers of every /api route: data, or `{ error: { code, message, field?, requestId? } }`
 * with a status that says whose fault it was (400 ours to fix, 404 not there, 502/504 upstream).
 */
import 'server-only';

import { NextResponse } from 'next/server';

import { LIST_JOBS_PARAMS, type ParseResult } from '@/lib/ci/params';
import type { ApiErrorBody } from '@/lib/ci/types';
import { CiError } from '@/server/ci/errors';
import { ConfigError } from '@/server/config/env';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The serialized body of each answer object, kept as long as the object lives: a page served from
 * the shared read cache (server/ci/coalesce.ts) is the same object for every viewer in the window, so
 * it is stringified and encoded once, not once per viewer. Kept as UTF-8 bytes: a string body makes
 * the Response constructor check it for lone surrogates in JavaScript (undici's toUSVString), about
 * 2 ms for a 100-job page — the largest cost of /api/jobs after the parse (bench P10's profile).
 */
const serialized = new WeakMap<object, Uint8Array<ArrayBuffer>>();
const utf8 = new TextEncoder();

export function ok<T>(data: T): Response {
  const cacheable = typeof data === 'object' && data !== null;
  let body = cacheable ? serialized.get(data) : undefined;
  if (body === undefined) {
    // TextEncoder writes lone surrogates as U+FFFD, as the string body would have been sent.
    body = utf8.encode(JSON.stringify(data));
    if (cacheable) serialized.set(data, body);
  }
  // The Response copies the bytes it is given, so one cached array serves every viewer.
  return new Response(body, { headers: { ...NO_STORE, 'content-type': 'application/json' } });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  extra: { field?: string; requestId?: string | null; upstreamStatus?: number | null } = {},
  headers: Record<string, string> = {},
): NextResponse<ApiErrorBody> {
  const error: ApiErrorBody['error'] = { code, message };
  if (extra.field) error.field = extra.field;
  if (extra.requestId) error.requestId = extra.requestId;
  if (extra.upstreamStatus) error.status = extra.upstreamStatus;
  return NextResponse.json({ error }, { status, headers: { ...NO_STORE, ...headers } });
}

export function badRequest(field: string, message: string) {
  return apiError(400, 'InvalidArgument', message, { field });
}

/** A checked result as the route answers it: the value, or a 400 naming the bad field. */
export function answer<T>(result: ParseResult<T>): Response {
  return result.ok ? ok(result.value) : badRequest(result.error.field, result.error.message);
}

/** Maps anything thrown below a route to its JSON answer; never leaks a stack or a secret. */
export function fromError(error: unknown): NextResponse<ApiErrorBody> {
  if (error instanceof CiError) {
    const common = { requestId: error.requestId, upstreamStatus: error.status };
    if (error.kind === 'timeout') return apiError(504, error.code, error.message, common);
    if (error.kind === 'ci' && error.status === 404) return apiError(404, error.code, error.message, common);
    // CI refused a value we passed (e.g. a stale nextToken): the caller can fix it.
    if (error.kind === 'ci' && error.status === 400 && error.code === 'InvalidArgument') {
      return apiError(400, error.code, error.message, { ...common, field: fieldNamedIn(error.message) });
    }
    return apiError(502, error.code, error.message, common);
  }
  if (error instanceof ConfigError) {
    return apiError(500, 'ConfigurationError', `The server is misconfigured: ${error.variable} is invalid`);
  }
  console.error('[api] unexpected error:', error instanceof Error ? error.message : 'unknown');
  return apiError(500, 'InternalError', 'The dashboard hit an unexpected error; the server log has details');
}

/** The parameter CI's message names (CI says e.g. "Parameter nextToken is invalid"), else the query as a whole. */
function fieldNamedIn(message: string): string {
  const words = new Set(message.split(/[^A-Za-z]+/));
  return LIST_JOBS_PARAMS.find((p) => words.has(p)) ?? 'query';
}
