/**
 * What can go wrong between us and CI, as one typed error: CI's own error document (Code, Message,
 * RequestId, HTTP status), or a failure on the way (network, timeout, a body that is not valid XML).
 */
import 'server-only';

export type CiFailureKind = 'ci' | 'network' | 'timeout' | 'malformed';

export class CiError extends Error {
  override readonly name = 'CiError';
  constructor(
    readonly kind: CiFailureKind,
    /** CI's Code, or ours for failures on the way: NetworkError, RequestTimeout, MalformedResponse. */
    readonly code: string,
    message: string,
    /** The upstream HTTP status, or null when no response arrived. */
    readonly status: number | null,
    readonly requestId: string | null = null,
  ) {
    super(message);
  }

  /** 5xx and failures on the way may succeed on a second try; CI's 4xx answers will not. */
  get retryable(): boolean {
    return this.kind === 'network' || (this.kind === 'ci' && this.status !== null && this.status >= 500);
  }
}
