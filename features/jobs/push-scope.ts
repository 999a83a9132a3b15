/**
 * Which lists on screen a pushed change can alter. A list of finished jobs only (`states=` of
 * Success, Failed, Cancel — states a job never leaves) changes only when a job enters one of its
 * states: so a page of Failed jobs, and its "of N", is not fetched again for every Running job's
 * progress, which in a bucket running tens of thousands of jobs a day is nearly every push.
 * A list with a state a job can leave (Submitted, Running, Pause) may lose a job it does not show
 * — its total then changes — and the event does not say where a job came from, so any change may
 * touch it; so may any change a list without a state filter. Other filters (queue, range, words)
 * are not in the event: they never rule a change out.
 */
import { FINAL_STATES } from '@/lib/ci/tags';

/** What arrived since the last refetch: each changed job's new state. */
export type PushedChanges = ReadonlyMap<string, string>;

/**
 * The states a list query asks for when they are all final; null when it asks for every state or
 * for one a job can leave (or for a word that is no state: being safe, it is refetched).
 */
export function finalStatesOf(query: string): ReadonlySet<string> | null {
  const list = (new URLSearchParams(query).get('states') ?? '').split(',').filter((s) => s !== '');
  if (list.length === 0) return null;
  return list.every((s) => FINAL_STATES.has(s)) ? new Set(list) : null;
}

/**
 * Whether a list (its query key's query string) may be changed by `changes`: a job entering its
 * states, or any change at all when it lists a state a job can leave. A key that is not a query
 * string (another kind of list) always may.
 */
export function listTouched(query: unknown, changes: PushedChanges): boolean {
  if (typeof query !== 'string') return true;
  const states = finalStatesOf(query);
  if (states === null) return true;
  for (const state of changes.values()) if (states.has(state)) return true;
  return false;
}
