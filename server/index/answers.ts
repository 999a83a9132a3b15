/**
 * The index's side of the /api routes: turning a checked query into index filters, and the
 * `source`/`asOf` every answer carries, so a page can say "index, 3 s ago" or fall back to CI.
 */
import 'server-only';

import { ciTimeToMs } from '@/lib/ci/params';
import { INDEX_CURSOR, type JobsQuery } from '@/lib/index-params';

import type { IndexFilters, Keyset } from './queries';
import { indexHealth, jobIndex, type IndexHealth, type JobIndex } from './runtime';

export function filtersOf(query: JobsQuery): IndexFilters {
  const { ci, index } = query;
  const states = ci.states && !ci.states.includes('All') ? (ci.states as string[]) : null;
  return {
    tag: ci.tag,
    states,
    ...(ci.queueId ? { queueId: ci.queueId } : {}),
    ...(ci.queueType ? { queueType: ci.queueType } : {}),
    ...(ci.workflowId ? { workflowId: ci.workflowId } : {}),
    ...(ci.inputObject ? { inputObject: ci.inputObject } : {}),
    ...(index.code ? { codes: index.code } : {}),
    ...(index.q ? { q: index.q } : {}),
    ...(index.minDurationSec !== undefined ? { minDurationSec: index.minDurationSec } : {}),
    ...(index.maxDurationSec !== undefined ? { maxDurationSec: index.maxDurationSec } : {}),
    ...(ci.startCreationTime ? { afterMs: ciTimeToMs(ci.startCreationTime) } : {}),
    ...(ci.endCreationTime ? { beforeMs: ciTimeToMs(ci.endCreationTime) } : {}),
  };
}

export function keysetOf(cursor: string | undefined): Keyset | null {
  const m = cursor ? INDEX_CURSOR.exec(cursor) : null;
  return m ? { createdMs: Number(m[1]), jobId: m[2]! } : null;
}

export interface IndexSource {
  source: 'index';
  /** The index is current as of this instant (ISO). */
  asOf: string | null;
  index: Pick<IndexHealth, 'state' | 'lagSeconds' | 'oldest'>;
}

/** The index when it can answer for this bucket now: running, and past its first cycle. */
export async function readyIndex(
  bucket: string,
): Promise<{ index: JobIndex; meta: IndexSource } | { index: null; health: IndexHealth }> {
  const health = await indexHealth(bucket, { count: false });
  const index = jobIndex();
  if (!index || health.state === 'off' || health.state === 'failed' || health.state === 'starting') {
    return { index: null, health };
  }
  const asOf = health.lagSeconds === null ? null : new Date(Date.now() - health.lagSeconds * 1000).toISOString();
  return {
    index,
    meta: {
      source: 'index',
      asOf,
      index: { state: health.state, lagSeconds: health.lagSeconds, oldest: health.oldest },
    },
  };
}

/** Why the index cannot answer, for a 503 an operator can act on. */
export function unavailableMessage(health: IndexHealth): string {
  switch (health.state) {
    case 'off':
      return 'This needs the job index, which is off on this server (INDEX=off)';
    case 'failed':
      return 'This needs the job index, which could not start; the server log says why';
    default:
      return 'This needs the job index, which is still starting; try again in a few seconds';
  }
}
