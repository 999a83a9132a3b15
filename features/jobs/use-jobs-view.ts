'use client';

/**
 * The /jobs view state, read from and written to the URL (nuqs): filters, page position (the
 * NextToken stack), sorting of the loaded rows and the open job. Every change is a history entry,
 * so back/forward walk through filters, pages and opened jobs; a filter change starts at page 1.
 */
import { useQueryStates } from 'nuqs';
import { useCallback, useMemo } from 'react';

import {
  CLEARABLE_KEYS,
  jobsSearchParams,
  pageOf,
  popToken,
  pushToken,
  type JobsView,
  type JobsViewKey,
} from '@/lib/jobs-search-params';

type Patch = { [K in JobsViewKey]?: JobsView[K] | null };

export function useJobsView() {
  const [view, setRaw] = useQueryStates(jobsSearchParams, { history: 'push', scroll: false });

  // The URL is the state: a change is written and rendered from there, so nothing waits for the
  // promise nuqs returns (it only says when the address bar caught up).
  const set = useCallback(
    (patch: Patch, options?: { replace?: boolean }) => {
      void setRaw(patch, options?.replace ? { history: 'replace' } : undefined);
    },
    [setRaw],
  );

  const actions = useMemo(
    () => ({
      /** Changes filters and goes back to page 1 (the tokens belong to the old filters). */
      setFilters: (patch: Patch, options?: { replace?: boolean }) =>
        set({ ...patch, page: null, tokens: null }, options),
      clearFilters: () =>
        set({ ...Object.fromEntries(CLEARABLE_KEYS.map((k) => [k, null])), page: null, tokens: null }),
      nextPage: (nextToken: string) => {
        const tokens = pushToken(view.tokens, nextToken);
        set({ tokens, page: String(pageOf(tokens)) });
      },
      previousPage: () => {
        const tokens = popToken(view.tokens);
        set({ tokens: tokens.length ? tokens : null, page: tokens.length ? String(pageOf(tokens)) : null });
      },
      firstPage: () => set({ tokens: null, page: null }),
      openJob: (jobId: string) => set({ job: jobId }),
      closeJob: () => set({ job: null }),
      setSort: (sort: string) => set({ sort: sort || null }, { replace: true }),
      /** Removes one value (e.g. a hand-edited invalid one). */
      remove: (key: JobsViewKey) =>
        set(
          key === 'tokens' || key === 'page' ? { tokens: null, page: null } : { [key]: null, page: null, tokens: null },
        ),
      resetAll: () => set(Object.fromEntries(Object.keys(jobsSearchParams).map((k) => [k, null]))),
    }),
    [set, view.tokens],
  );

  return [view, actions] as const;
}

export type JobsViewActions = ReturnType<typeof useJobsView>[1];
