/**
 * The browser's one way to our /api routes: JSON in, typed data or an ApiError out. An ApiError
 * carries the `{ error: { code, message, field?, requestId?, status? } }` body of the route (CI's own
 * Code and Message when CI refused), or a code of ours when the answer never came or was not JSON.
 */
import type { ApiErrorBody } from '@/lib/ci/types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** CI's Code (`SignatureDoesNotMatch`, …) or ours (`NetworkError`, `MalformedResponse`, …). */
    readonly code: string,
    message: string,
    /** HTTP status of our route; 0 when no answer arrived. */
    readonly status: number,
    readonly field?: string,
    readonly requestId?: string,
    /** CI's HTTP status, when CI answered with an error. */
    readonly upstreamStatus?: number,
  ) {
    super(message);
  }
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** `init` is for the few writes (saved views): a method and a JSON body. */
export async function fetchJson<T>(
  url: string,
  signal?: AbortSignal,
  init?: { method: 'PUT' | 'DELETE'; json?: unknown },
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal,
      method: init?.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init?.json !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: init?.json !== undefined ? JSON.stringify(init.json) : undefined,
      cache: 'no-store',
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError('NetworkError', 'The dashboard server did not answer; check that it is running.', 0);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(
      'MalformedResponse',
      `The dashboard server answered ${response.status} with a body that is not JSON.`,
      response.status,
    );
  }
  if (!response.ok || isErrorBody(body)) {
    if (isErrorBody(body)) {
      const e = body.error;
      throw new ApiError(e.code, e.message, response.status, e.field, e.requestId, e.status);
    }
    throw new ApiError('InternalError', `The dashboard server answered ${response.status}.`, response.status);
  }
  return body as T;
}

/** The ApiError of a refused answer read as a stream (features/jobs/api/job-stream): its JSON error body, when it has one. */
export async function readApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    const e = body.error;
    return new ApiError(e.code, e.message, response.status, e.field, e.requestId, e.status);
  }
  return new ApiError('InternalError', `The dashboard server answered ${response.status}.`, response.status);
}
