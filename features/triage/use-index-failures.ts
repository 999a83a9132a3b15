/**
 * Failure triage from the job index: the codes, counts, shares and tags of the window come from
 * /api/overview (states=Failed), and each code's newest jobs from the index's list
 * (/api/jobs?code=…&source=index), so nothing is collected in the browser. Queues and messages
 * are tallied from those newest jobs (up to JOBS_PER_CODE a code).
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';

import type { OverviewFigures } from '@/features/index/index-api';
import type { FailureGroup } from '@/features/overview/aggregate';
import type { JobListItem } from '@/lib/ci/types';
import { fetchJson } from '@/lib/fetch-json';

export const JOBS_PER_CODE = 100;

/** The index list query of one code's failed jobs, newest first, from a validated list query. */
export function codeJobsQuery(listQuery: string, code: string): string {
  const search = new URLSearchParams(listQuery);
  search.delete('size');
  search.delete('orderByTime');
  if (!search.has('tag')) search.set('tag', 'all');
  search.set('states', 'Failed');
  search.set('code', code);
  search.set('source', 'index');
  search.set('size', String(JOBS_PER_CODE));
  return search.toString();
}

function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `figures`: the index's overview of the failed jobs; null while there is none (then nothing is asked). */
export function useIndexFailures(listQuery: string | null, figures: OverviewFigures | null) {
  const codes = useMemo(() => (figures && listQuery !== null ? figures.failuresByCode : []), [figures, listQuery]);
  const fetched = useQueries({
    queries: codes.map((group) => ({
      queryKey: ['jobs', 'index', codeJobsQuery(listQuery ?? '', group.code)] as const,
      // A failed job without a code cannot be asked for by code; its group shows counts only.
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        group.code === ''
          ? Promise.resolve({ jobs: [] as JobListItem[] })
          : fetchJson<{ jobs: JobListItem[] }>(`/api/jobs?${codeJobsQuery(listQuery ?? '', group.code)}`, signal),
      retry: false,
      staleTime: 5_000,
    })),
    // Combined results keep their identity while no query changes, so the groups below are memoised.
    combine: (results) => ({
      jobs: results.map((r) => r.data?.jobs),
      loading: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
  const groups: FailureGroup[] = useMemo(
    () =>
      codes.map((group, i) => {
        const jobs = fetched.jobs[i] ?? [];
        return {
          ...group,
          queues: tally(jobs.map((j) => j.queueId ?? '—')),
          messages: tally(jobs.map((j) => j.message ?? '')),
          jobs,
        };
      }),
    [codes, fetched.jobs],
  );
  return { groups, loading: fetched.loading, error: fetched.error };
}
