/**
 * What can go wrong between us and CI, as one typed error: CI's own error document (Code, Message,
 * RequestId, HTTP status), or a failure on the way (network, timeout, a body that is not valid XML).
 */
import 'server-only';

export type CiFailureKind = 'ci' | 'network' | 'timeout' | 'malformed';

/** Brand shared by every copy of this module (see Symbol.hasInstance below). */
const CI_ERROR = Symbol.for('ci-jobs-dashboard.CiError');

export class CiError extends Error {
  override readonly name = 'CiError';
  readonly [CI_ERROR] = true;

  /**
   * Next bundles this module once per entry (instrumentation, each route), while the one client on
   * globalThis throws the class of the bundle that created it: `instanceof` checks the brand, so a
   * route still recognises CI's errors (otherwise they became 500 InternalError).
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [CI_ERROR]?: unknown })[CI_ERROR] === true;
  }

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
