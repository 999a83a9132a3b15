/**
 * What a fetch rejects with when its signal aborts: the signal's reason (AbortSignal.timeout gives a
 * TimeoutError, abort() an AbortError; both are Errors), or an AbortError for a reason that is not.
 * Browser-safe; used by the server's routed fetch and the browser's job collection alike.
 */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
}
