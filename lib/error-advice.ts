/**
 * What an operator should do about an error: CI's Code (or ours) → a plain-language hint, and
 * whether waiting helps (the list retries by itself then). Browser-safe.
 */
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

const BY_CODE: Record<string, Omit<Advice, 'title'> & { title?: string }> = {
  SignatureDoesNotMatch: {
    title: 'CI rejected the request signature',
    hint: 'Check CI_SECRET_KEY (and CI_SECRET_ID) in the server environment: the key pair does not match.',
    transient: false,
  },
  InvalidAccessKeyId: {
    title: 'CI does not know this SecretId',
    hint: 'Check CI_SECRET_ID in the server environment.',
    transient: false,
  },
  AccessDenied: {
    title: 'CI denied access',
    hint: 'The key pair lacks permission (ci:DescribeMediaJobs), or the signature expired; check the sub-account policy and the server clock.',
    transient: false,
  },
  RequestTimeTooSkewed: {
    title: 'The server clock is off',
    hint: "CI refuses signatures from a clock too far from its own: check the dashboard server's clock (NTP).",
    transient: false,
  },
  ExpiredToken: {
    title: 'The temporary credentials expired',
    hint: 'Renew CI_SESSION_TOKEN (and its key pair) in the server environment.',
    transient: false,
  },
  NoSuchBucket: {
    title: 'CI does not know this bucket',
    hint: 'Check CI_BUCKET and CI_REGION, and that the bucket is bound to Cloud Infinite.',
    transient: false,
  },
  ServiceUnavailable: {
    title: 'CI is having trouble',
    hint: 'CI is unavailable for now; retrying automatically.',
    transient: true,
  },
  SlowDown: { title: 'CI is throttling requests', hint: 'Too many requests; retrying more slowly.', transient: true },
  InternalError: {
    title: 'CI is having trouble',
    hint: 'CI hit an internal error; retrying automatically.',
    transient: true,
  },
  RequestTimeout: {
    title: 'CI is slow to answer',
    hint: 'CI did not answer in time; retrying automatically. A narrower filter (tag, time range) may help.',
    transient: true,
  },
  NetworkError: {
    title: 'No connection',
    hint: 'The dashboard (or CI behind it) could not be reached; retrying automatically.',
    transient: true,
  },
  MalformedResponse: {
    title: 'CI answered with something unreadable',
    hint: 'The answer was not valid XML (cut off or corrupted); retrying automatically. If it persists, report it with the request ID.',
    transient: true,
  },
  Unauthorized: {
    title: 'Signed out',
    hint: 'Your session ended or is missing: sign in again (the page reloads to the sign-in form).',
    transient: false,
  },
  TooManyRequests: {
    title: 'Too many requests from this browser',
    hint: 'The dashboard limits requests per client; retrying more slowly.',
    transient: true,
  },
  NoSuchJob: {
    title: 'No such job',
    hint: 'No job with this ID exists in this bucket; check the ID.',
    transient: false,
  },
};

export function adviceFor(error: ErrorLike, fieldLabel: (field: string) => string = (f) => f): Advice {
  const known = BY_CODE[error.code];
  if (known) return { title: known.title ?? error.code, hint: known.hint, transient: known.transient };
  if (error.code === 'InvalidArgument') {
    return {
      title: error.field
        ? `The filter "${fieldLabel(error.field)}" is not accepted`
        : 'A request parameter is not accepted',
      hint:
        error.field === 'nextToken'
          ? 'The page token no longer fits these filters; go back to page 1.'
          : 'Fix that filter (or clear the filters) and try again.',
      transient: false,
    };
  }
  const status = error.upstreamStatus ?? error.status;
  if (status >= 500 || status === 0) {
    return {
      title: 'CI is having trouble',
      hint: 'The request failed on the way or at CI; retrying automatically.',
      transient: true,
    };
  }
  return { title: 'The request was refused', hint: 'See the code and message below.', transient: false };
}
