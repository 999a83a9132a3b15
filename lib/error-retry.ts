/**
 * Whether waiting helps with an error (the list then retries with back-off), for every code the
 * dashboard knows: declared here, apart from the words an operator reads about it
 * (lib/error-advice), because the list decides this on every failed refresh while the words are
 * shown only once an error is on screen, and load then (bench P5). Browser-safe.
 */
export interface RetryableError {
  code: string;
  status: number;
  upstreamStatus?: number;
}

/** CI's Codes (and ours) with a fixed answer; lib/error-advice has words for exactly these. */
export const TRANSIENT_BY_CODE = {
  SignatureDoesNotMatch: false,
  InvalidAccessKeyId: false,
  AccessDenied: false,
  RequestTimeTooSkewed: false,
  ExpiredToken: false,
  NoSuchBucket: false,
  ServiceUnavailable: true,
  SlowDown: true,
  InternalError: true,
  RequestTimeout: true,
  NetworkError: true,
  MalformedResponse: true,
  Unauthorized: false,
  TooManyRequests: true,
  NoSuchJob: false,
} as const satisfies Record<string, boolean>;

export type KnownErrorCode = keyof typeof TRANSIENT_BY_CODE;

export function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(TRANSIENT_BY_CODE, code);
}

/** True when the same request may succeed later: a known transient code, or an unknown failure on the way or at CI. */
export function isTransient(error: RetryableError): boolean {
  if (isKnownErrorCode(error.code)) return TRANSIENT_BY_CODE[error.code];
  // A filter CI refused stays refused.
  if (error.code === 'InvalidArgument') return false;
  const status = error.upstreamStatus ?? error.status;
  return status >= 500 || status === 0;
}
