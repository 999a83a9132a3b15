'use client';

import { useQueryClient } from '@tanstack/react-query';

import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { jobsQueryOptions } from '@/features/jobs/api/jobs';
import { pageOf, pageQuery, type JobsView } from '@/lib/jobs-search-params';

import type { JobsViewActions } from './use-jobs-view';

export function JobsPagination({
  view,
  actions,
  loaded,
  pages,
  query,
  nextToken,
  busy,
  total,
}: {
  view: JobsView;
  actions: JobsViewActions;
  loaded: number;
  /** Accumulate mode: how many pages the rows come from (Next is then "Load more"). */
  pages?: number;
  /** The validated GET /jobs query of this view, without its token. */
  query: string;
  nextToken: string | null | undefined;
  busy: boolean;
  /** How many jobs match in all, when the job index says (features/jobs/list-count). */
  total?: number;
}) {
  const client = useQueryClient();
  return (
    <CursorPagination
      page={pageOf(view.tokens)}
      loaded={loaded}
      pages={pages}
      hasNext={Boolean(nextToken)}
      hasPrevious={view.tokens.length > 0}
      onNext={() => nextToken && actions.nextPage(nextToken)}
      onPrevious={actions.previousPage}
      onFirst={actions.firstPage}
      onNextIntent={() => {
        if (nextToken) void client.prefetchQuery(jobsQueryOptions(pageQuery(query, nextToken)));
      }}
      busy={busy}
      total={total}
      firstRow={view.tokens.length * (Number(view.size) || 0) + 1}
    />
  );
}
