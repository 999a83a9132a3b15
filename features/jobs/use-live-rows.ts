'use client';

/**
 * The rows live refresh puts on screen (the rules: features/jobs/live-rows.ts): rows update in
 * place, new jobs wait behind "n new since you looked", jobs that left a state-filtered view are
 * looked up and announced. The open job's row and its detail agree: the row shows the newer of the
 * two answers about it, and a list answer newer than the detail makes the detail ask again.
 *
 * The lookups go through the detail's own query (features/jobs/api/job), so a job that finished
 * while open shows its final state in the drawer from the same answer that announces it.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { jobQueryOptions } from '@/features/jobs/api/job';
import type { Job, JobListItem } from '@/lib/ci/types';
import { ApiError } from '@/lib/fetch-json';

import {
  advance,
  dismissLeft,
  INITIAL_ROWS,
  listIsNewer,
  newerRow,
  reveal,
  rowsOf,
  settle,
  unsettle,
  withJob,
  type LiveRowsState,
} from './live-rows';

/** Lookups at once: the jobs that left at one refresh are few; more wait for the next turn. */
const MAX_LOOKUPS = 10;

const NO_JOBS: JobListItem[] = [];

/** A looked-up job as a row: the last known row with the job's changing fields, or the job itself. */
function asRow(job: Job, last: JobListItem | undefined): JobListItem {
  if (last) return withJob(last, job);
  // As the server lists it (server/ci/xml toListItem): the output location stays, the rest of the operation goes.
  const { operation, ...rest } = job;
  const out = operation?.output;
  return { ...rest, output: out ? { bucket: out.bucket, region: out.region, object: out.object } : null };
}

export function useLiveRows({
  queryKey,
  answer,
  answerAt,
  states,
  openJobId,
}: {
  /** The page's query; a new one starts afresh (its first answer shows whole). */
  queryKey: string | null;
  /** The page's latest answer, undefined while none (or while the previous view's stays on screen). */
  answer: readonly JobListItem[] | undefined;
  answerAt: number;
  /** The states the view lists (empty: all). */
  states: readonly string[];
  openJobId: string | null;
}) {
  const client = useQueryClient();
  const bucket = useCurrentBucket();
  const [s, setS] = useState<{ key: string | null; at: number; revealNext: boolean; rows: LiveRowsState }>({
    key: queryKey,
    at: 0,
    revealNext: false,
    rows: INITIAL_ROWS,
  });
  // Each answer is applied once, during render (React's pattern for state derived from changing props).
  if (s.key !== queryKey) setS({ key: queryKey, at: 0, revealNext: false, rows: INITIAL_ROWS });
  else if (answer && answerAt !== s.at)
    setS({
      ...s,
      at: answerAt,
      revealNext: false,
      rows: s.revealNext ? reveal(s.rows, answer) : advance(s.rows, answer, states),
    });

  // Jobs that left the answer of a state-filtered view: looked up to learn whether they left the view.
  const inflight = useRef(new Set<string>());
  const statesKey = states.join(',');
  useEffect(() => {
    const key = s.key;
    const listed = statesKey ? statesKey.split(',') : [];
    for (const id of s.rows.checking.slice(0, MAX_LOOKUPS)) {
      if (inflight.current.has(id)) continue;
      inflight.current.add(id);
      client
        .fetchQuery({ ...jobQueryOptions(id, bucket), staleTime: 0 })
        .then(
          ({ job }) =>
            setS((cur) =>
              cur.key === key
                ? { ...cur, rows: settle(cur.rows, id, asRow(job, cur.rows.known.get(id)), listed) }
                : cur,
            ),
          (error: unknown) =>
            setS((cur) =>
              cur.key !== key
                ? cur
                : {
                    ...cur,
                    rows:
                      error instanceof ApiError && error.status === 404
                        ? settle(cur.rows, id, null, listed)
                        : unsettle(cur.rows, id),
                  },
            ),
        )
        .finally(() => inflight.current.delete(id));
    }
  }, [s.key, s.rows.checking, statesKey, client, bucket]);

  // The open job's detail, observed without asking (the drawer asks).
  const detail = useQuery({ ...jobQueryOptions(openJobId ?? '', bucket), enabled: false });
  const detailJob = openJobId ? detail.data?.job : undefined;
  const listRow = openJobId ? answer?.find((j) => j.jobId === openJobId) : undefined;
  const listNewer = Boolean(listRow && detailJob && listIsNewer(listRow, answerAt, detailJob, detail.dataUpdatedAt));
  useEffect(() => {
    if (listNewer && openJobId)
      void client.invalidateQueries({ queryKey: jobQueryOptions(openJobId, bucket).queryKey, exact: true });
  }, [listNewer, openJobId, bucket, client]);

  const { rows, held } = useMemo(() => {
    const out = rowsOf(s.rows, answer ?? NO_JOBS);
    if (!detailJob) return out;
    return {
      ...out,
      rows: out.rows.map((r) => (r.jobId === openJobId ? newerRow(r, answerAt, detailJob, detail.dataUpdatedAt) : r)),
    };
  }, [s.rows, answer, detailJob, openJobId, answerAt, detail.dataUpdatedAt]);

  const currentAnswer = answer;
  return {
    rows,
    /** Jobs of the answer not on screen: "n new since you looked". */
    held,
    left: s.rows.left,
    /** Shows the held jobs now. */
    showNew: useCallback(
      () => setS((cur) => (currentAnswer ? { ...cur, rows: reveal(cur.rows, currentAnswer) } : cur)),
      [currentAnswer],
    ),
    /** A refresh the operator asked for: what is held shows now, and the next answer shows whole. */
    revealNext: useCallback(
      () =>
        setS((cur) => ({ ...cur, revealNext: true, rows: currentAnswer ? reveal(cur.rows, currentAnswer) : cur.rows })),
      [currentAnswer],
    ),
    dismissLeft: useCallback(() => setS((cur) => ({ ...cur, rows: dismissLeft(cur.rows) })), []),
  };
}
