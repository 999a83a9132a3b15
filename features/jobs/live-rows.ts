/**
 * What live refresh does to the rows on screen, as pure steps (features/jobs/use-live-rows applies
 * them to each answer; tests/unit/ui/live-rows.test.ts proves them):
 *
 * - Rows already on screen keep their place and update in place (state, progress…) from each answer.
 * - Jobs in an answer that were not on screen are held back and counted ("3 new since you looked"):
 *   inserting them would move every row under the operator's eyes and cursor. `reveal` shows the
 *   answer as it is.
 * - A row missing from an answer stays, as last known, until it is known to have left the view. In a
 *   view filtered by state, a job that was not finished may have changed state (a Running job that
 *   succeeded): it is looked up by ID (`checking`), and `settle` either keeps it (still in a listed
 *   state — it was pushed off the page by newer jobs) or moves it to `left`, which the page announces
 *   ("2 finished: 1 Success, 1 Failed") with links. A finished job cannot change state, and without a
 *   state filter no state change drops a job, so such rows are only kept, never looked up.
 */
import { FINAL_STATES } from '@/lib/ci/tags';
import type { Job, JobListItem } from '@/lib/ci/types';

export interface LeftJob {
  jobId: string;
  /** Its state now, or null when it no longer exists. */
  state: string | null;
}

export interface LiveRowsState {
  /** Job IDs on screen, in screen order; null before the first answer (which shows whole). */
  shown: string[] | null;
  /** The newest row known for each job on screen (from the answer, or a lookup once it left it). */
  known: ReadonlyMap<string, JobListItem>;
  /** Jobs on screen, missing from the last answer, whose state is being looked up. */
  checking: string[];
  /** Jobs that left the view while watched, oldest first, for the notice. */
  left: LeftJob[];
}

export const INITIAL_ROWS: LiveRowsState = { shown: null, known: new Map(), checking: [], left: [] };

const byId = (jobs: readonly JobListItem[]) => new Map(jobs.map((j) => [j.jobId, j]));

/** Whether a job missing from an answer may have left the view by changing state. */
function mayHaveLeft(row: JobListItem, states: readonly string[]): boolean {
  return states.length > 0 && !FINAL_STATES.has(row.state);
}

/** A new answer of the same view: see the module comment. */
export function advance(
  state: LiveRowsState,
  answer: readonly JobListItem[],
  states: readonly string[],
): LiveRowsState {
  if (state.shown === null) return reveal(state, answer);
  const fresh = byId(answer);
  const known = new Map(state.known);
  const checking = [...state.checking];
  let changed = false;
  for (const id of state.shown) {
    const row = fresh.get(id);
    if (row) {
      if (known.get(id) !== row) changed = true;
      known.set(id, row);
      continue;
    }
    const last = known.get(id);
    if (last && !checking.includes(id) && mayHaveLeft(last, states)) {
      checking.push(id);
      changed = true;
    }
  }
  // An answer that changes nothing on screen keeps the state (and so the rendered rows) as they are:
  // the query shares unchanged rows, and a quiet refresh should not re-render the table.
  return changed ? { ...state, known, checking } : state;
}

/**
 * A looked-up job (null: it no longer exists): kept on screen while its state is one the view lists,
 * otherwise it leaves the screen for the notice.
 */
export function settle(
  state: LiveRowsState,
  jobId: string,
  found: JobListItem | null,
  states: readonly string[],
): LiveRowsState {
  const checking = state.checking.filter((id) => id !== jobId);
  const stays = found !== null && (states.length === 0 || states.includes(found.state));
  if (stays) {
    if (!state.shown?.includes(jobId)) return { ...state, checking };
    return { ...state, checking, known: new Map(state.known).set(jobId, found) };
  }
  const known = new Map(state.known);
  known.delete(jobId);
  return {
    shown: state.shown?.filter((id) => id !== jobId) ?? null,
    known,
    checking,
    left: [...state.left.filter((l) => l.jobId !== jobId), { jobId, state: found?.state ?? null }],
  };
}

/** A lookup that failed (CI busy, network): the job is looked up again after the next answer. */
export function unsettle(state: LiveRowsState, jobId: string): LiveRowsState {
  return { ...state, checking: state.checking.filter((id) => id !== jobId) };
}

/** Shows the answer as it is: held jobs appear, rows kept after leaving the answer go. */
export function reveal(state: LiveRowsState, answer: readonly JobListItem[]): LiveRowsState {
  return { ...state, shown: answer.map((j) => j.jobId), known: byId(answer), checking: [] };
}

export function dismissLeft(state: LiveRowsState): LiveRowsState {
  return { ...state, left: [] };
}

/** The rows to render (screen order) and the jobs held back (answer order). */
export function rowsOf(
  state: LiveRowsState,
  answer: readonly JobListItem[],
): { rows: JobListItem[]; held: JobListItem[] } {
  if (state.shown === null) return { rows: [...answer], held: [] };
  const rows = state.shown.map((id) => state.known.get(id)).filter((r): r is JobListItem => r !== undefined);
  const shown = new Set(state.shown);
  return { rows, held: answer.filter((j) => !shown.has(j.jobId)) };
}

/** "2 finished: 1 Success, 1 Failed" — or "left this view" when some are not finished. */
export function leftSummary(left: readonly LeftJob[]): string {
  const counts = new Map<string, number>();
  for (const l of left) counts.set(l.state ?? 'no longer found', (counts.get(l.state ?? 'no longer found') ?? 0) + 1);
  const allFinished = left.every((l) => l.state !== null && FINAL_STATES.has(l.state));
  const parts = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
  return `${left.length} ${allFinished ? 'finished' : 'left this view'}: ${parts}`;
}

/** The fields of a job that change while it runs: what a newer answer about it replaces in a row. */
export function withJob(
  row: JobListItem,
  job: Pick<Job, 'state' | 'progress' | 'code' | 'message' | 'startTime' | 'endTime'>,
): JobListItem {
  return {
    ...row,
    state: job.state,
    progress: job.progress,
    code: job.code,
    message: job.message,
    startTime: job.startTime,
    endTime: job.endTime,
  };
}

/** Order of a job's life: a later state is newer whatever the clocks say. */
function stage(state: string): number {
  return state === 'Submitted' ? 0 : FINAL_STATES.has(state) ? 2 : 1;
}

/**
 * The row of the open job from the newer of the two answers about it: the list's (at `rowAt`) or the
 * detail's (at `jobAt`, epoch ms). A state further along its life wins whatever the times (a finished
 * job never runs again); within one stage, the later answer.
 */
export function newerRow(row: JobListItem, rowAt: number, job: Job | undefined, jobAt: number): JobListItem {
  if (!job || job.jobId !== row.jobId) return row;
  const [a, b] = [stage(row.state), stage(job.state)];
  if (b > a || (b === a && jobAt > rowAt)) return withJob(row, job);
  return row;
}

/** Whether the list knows something newer about the open job than its detail (which should then ask again). */
export function listIsNewer(row: JobListItem, rowAt: number, job: Job, jobAt: number): boolean {
  const [a, b] = [stage(row.state), stage(job.state)];
  return a > b || (a === b && rowAt > jobAt && (row.state !== job.state || row.progress !== job.progress));
}
