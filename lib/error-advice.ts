/**
 * What an operator should do about an error: CI's Code (or ours) → a plain-language hint, and
 * whether waiting helps (the list retries by itself then; that rule is lib/error-retry's, which the
 * list loads without these words). Browser-safe.
 */
import { isKnownErrorCode, isTransient, type KnownErrorCode } from './error-retry';

export interface ErrorLike {
  code: string;
  message: string;
  status: number;
  field?: string;
  upstreamStatus?: number;
}

export interface Advice {
  title: string;
  hint: string;
  /** True when the same request may succeed later: the UI retries with back-off. */
  transient: boolean;
}

const BY_CODE: Record<KnownErrorCode, Omit<Advice, 'transient'>> = {
  SignatureDoesNotMatch: {
    title: 'CI rejected the request signature',
    hint: 'Check CI_SECRET_KEY (and CI_SECRET_ID) in the server environment: the key pair does not match.',
  },
  InvalidAccessKeyId: {
    title: 'CI does not know this SecretId',
    hint: 'Check CI_SECRET_ID in the server environment.',
  },
  AccessDenied: {
    title: 'CI denied access',
    hint: 'The key pair lacks permission (ci:DescribeMediaJobs), or the signature expired; check the sub-account policy and the server clock.',
  },
  RequestTimeTooSkewed: {
    title: 'The server clock is off',
    hint: "CI refuses signatures from a clock too far from its own: check the dashboard server's clock (NTP).",
  },
  ExpiredToken: {
    title: 'The temporary credentials expired',
    hint: 'Renew CI_SESSION_TOKEN (and its key pair) in the server environment.',
  },
  NoSuchBucket: {
    title: 'CI does not know this bucket',
    hint: 'Check CI_BUCKET and CI_REGION, and that the bucket is bound to Cloud Infinite.',
  },
  ServiceUnavailable: {
    title: 'CI is having trouble',
    hint: 'CI is unavailable for now; retrying automatically.',
  },
  SlowDown: { title: 'CI is throttling requests', hint: 'Too many requests; retrying more slowly.' },
  InternalError: {
    title: 'CI is having trouble',
    hint: 'CI hit an internal error; retrying automatically.',
  },
  RequestTimeout: {
    title: 'CI is slow to answer',
    hint: 'CI did not answer in time; retrying automatically. A narrower filter (tag, time range) may help.',
  },
  NetworkError: {
    title: 'No connection',
    hint: 'The dashboard (or CI behind it) could not be reached; retrying automatically.',
  },
  MalformedResponse: {
    title: 'CI answered with something unreadable',
    hint: 'The answer was not valid XML (cut off or corrupted); retrying automatically. If it persists, report it with the request ID.',
  },
  Unauthorized: {
    title: 'Signed out',
    hint: 'Your session ended or is missing: sign in again (the page reloads to the sign-in form).',
  },
  TooManyRequests: {
    title: 'Too many requests from this browser',
    hint: 'The dashboard limits requests per client; retrying more slowly.',
  },
  NoSuchJob: {
    title: 'No such job',
    hint: 'No job with this ID exists in this bucket; check the ID.',
  },
};

export function adviceFor(error: ErrorLike, fieldLabel: (field: string) => string = (f) => f): Advice {
  const transient = isTransient(error);
  if (isKnownErrorCode(error.code)) return { ...BY_CODE[error.code], transient };
  if (error.code === 'InvalidArgument') {
    return {
      title: error.field
        ? `The filter "${fieldLabel(error.field)}" is not accepted`
        : 'A request parameter is not accepted',
      hint:
        error.field === 'nextToken'
          ? 'The page token no longer fits these filters; go back to page 1.'
          : 'Fix that filter (or clear the filters) and try again.',
      transient,
    };
  }
  if (transient) {
    return {
      title: 'CI is having trouble',
      hint: 'The request failed on the way or at CI; retrying automatically.',
      transient,
    };
  }
  return { title: 'The request was refused', hint: 'See the code and message below.', transient };
}
