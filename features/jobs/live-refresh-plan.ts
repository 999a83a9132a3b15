/**
 * When the jobs list asks again: a pure plan from the state of the last answer, so the rules are
 * tested without a browser (features/jobs/use-live-refresh.ts applies it with a timer).
 *
 * - After a transient error (5xx, timeout, network, unreadable answer): retry with back-off,
 *   2 s, 4 s, 8 s, 16 s, then every 30 s — whatever the jobs' states, until an answer arrives.
 * - After a permanent error (a refused filter, a bad key): stop; the operator has to act.
 * - Otherwise poll every `intervalMs` while the tab is visible and not paused, and either the view's
 *   time window runs up to now (new jobs may still arrive, whatever states it lists: a Failed view
 *   must show the next failure by itself) or a shown job is still Submitted or Running. A fixed past
 *   window whose jobs are all finished cannot change, so it rests ("idle"). Nothing is planned while
 *   a request is in flight, so requests never overlap.
 * - Polls fall on the wall clock's interval boundaries (every :00, :05, :10 … for 5 s), at least
 *   half an interval after the last answer. Every operator watching the same view then asks within
 *   the same moment, and the server's shared read (server/ci/coalesce.ts) turns all of them into one
 *   CI call per refresh window; polls timed from each page's own load would spread over the window
 *   and cost several.
 */
export type RefreshMode = 'polling' | 'retrying' | 'idle' | 'paused' | 'hidden' | 'stopped';

export interface RefreshInput {
  enabled: boolean;
  /** The last answer was an error (and came after the last success). */
  failed: boolean;
  /** That error may pass by itself. */
  transient: boolean;
  /** Consecutive failed answers (1 for the first). */
  failures: number;
  visible: boolean;
  paused: boolean;
  /** A shown job is Submitted or Running. */
  active: boolean;
  /** The view's time window runs up to now (windowRunsToNow): new jobs may still arrive. */
  live: boolean;
  fetching: boolean;
  intervalMs: number;
  /** When the last answer (success or error) arrived, epoch ms. */
  lastAnswerAt: number;
}

export function backoffMs(failures: number): number {
  return Math.min(30_000, 2_000 * 2 ** Math.max(0, failures - 1));
}

export function planRefresh(input: RefreshInput): { mode: RefreshMode; nextAt: number | null } {
  let mode: RefreshMode;
  let delay: number | null = null;
  if (!input.enabled) mode = 'stopped';
  else if (input.failed) {
    mode = input.transient ? 'retrying' : 'stopped';
    if (input.transient) delay = backoffMs(input.failures);
  } else if (!input.visible) mode = 'hidden';
  else if (input.paused) mode = 'paused';
  else if (!input.active && !input.live) mode = 'idle';
  else {
    mode = 'polling';
    if (!input.fetching) return { mode, nextAt: alignedPoll(input.lastAnswerAt, input.intervalMs) };
  }
  if (input.fetching) delay = null;
  return { mode, nextAt: delay === null ? null : input.lastAnswerAt + delay };
}

/** The first interval boundary of the wall clock at least half an interval after `lastAnswerAt`. */
export function alignedPoll(lastAnswerAt: number, intervalMs: number): number {
  const earliest = lastAnswerAt + intervalMs / 2;
  return Math.ceil(earliest / intervalMs) * intervalMs;
}

/**
 * Whether a view's creation-time window reaches now: no end ("Created until" empty, as every relative
 * range is), or an end still in the future. `to` is the URL's end (ISO); `now` epoch ms.
 */
export function windowRunsToNow(to: string, now: number): boolean {
  if (to === '') return true;
  const end = Date.parse(to);
  return Number.isNaN(end) || end > now;
}
