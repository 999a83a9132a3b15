'use client';
import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { pageOf, type JobsView } from '@/lib/jobs-search-params';
import type { JobsViewActions } from './use-jobs-view';

export function JobsPagination({
  view,
  actions,
  loaded,
  nextToken,
  busy,
}: {
  view: JobsView;
  actions: JobsViewActions;
  loaded: number;
  nextToken: string | null | undefined;
  busy: boolean;
}) {
  return (
    <CursorPagination
      page={pageOf(view.tokens)}
      loaded={loaded}
      hasNext={Boolean(nextToken)}
      hasPrevious={view.tokens.length > 0}
      onNext={() => nextToken && actions.nextPage(nextToken)}
      onPrevious={actions.previousPage}
      onFirst={actions.firstPage}
      busy={busy}
    />
  );
}
