'use client';

import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';

import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { jobsQueryOptions } from '@/features/jobs/api/jobs';
import { pageOf, pageQuery, type JobsView } from '@/lib/jobs-search-params';

import type { JobsViewActions } from './use-jobs-view';

/**
 * Paging waits while another page is being loaded — the previous page stands in for it (placeholder),
 * and its token would lead to the page being loaded again — but not while the page shown is merely
 * asked again (live refresh, a pushed change): the token of the rows on screen still leads to their
 * next page. With pushes every second (the index's sync), a list that is refetched most of the time
 * otherwise kept Next disabled, flickering, and swallowed the click that landed as it turned off.
 */
export const pagingBusy = (result: Pick<UseQueryResult, 'isPlaceholderData'>): boolean => result.isPlaceholderData;

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
