/**
 * Failure triage from the job index: the codes, counts, shares, tags, queues and messages of the
 * window come from /api/overview (states=Failed), and each code's newest jobs from the index's list
 * (/api/jobs?code=…&source=index), so nothing is collected in the browser.
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
    () => codes.map((group, i) => ({ ...group, jobs: fetched.jobs[i] ?? [] })),
    [codes, fetched.jobs],
  );
  return { groups, loading: fetched.loading, error: fetched.error };
}
