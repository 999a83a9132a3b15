'use client';

/**
 * The jobs list: filters, table, paging, live refresh and the detail drawer, all driven by the URL
 * (use-jobs-view). Data comes from GET /api/jobs through features/jobs/api/jobs.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import type { DataTableCursor } from '@/components/data-table/data-table';
import { TableSkeleton } from '@/components/data-table/table-skeleton';
import { useJobs } from '@/features/jobs/api/jobs';
import { usePreferences } from '@/features/preferences/preferences';
import { isActivatable } from '@/features/shortcuts/shortcuts';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';
import type { JobListItem } from '@/lib/ci/types';
import { ALL_TAGS, currentToken, pageQuery, validateView } from '@/lib/jobs-search-params';
import { stateForView } from '@/lib/saved-views';

import { ExportMenu } from '../export/export-menu';
import { ViewsMenu } from '../views/views-menu';
import { AccumulateBar } from './accumulate-bar';
import { JobDrawer } from './detail/job-drawer';
import { EmptyState } from './empty-state';
import { FiltersBar } from './filters-bar';
import { JobsError } from './jobs-error';
import { JobsColumnsMenu, JobsTable, useJobsTable } from './jobs-table';
import { ListCount, useListTotal } from './list-count';
import { LiveRefresh } from './live-refresh';
import { JobsPagination } from './pagination';
import { ACTIVE_STATES } from './state-styles';
import { useAccumulatedPages } from './use-accumulated-pages';
import { useJobsView } from './use-jobs-view';
import { useLiveRefresh } from './use-live-refresh';
import { useRangeAnchor } from './use-range-anchor';
import { ViewIssues } from './view-issues';

const NO_JOBS: JobListItem[] = [];

/** `buckets`: the configured bucket names (from the page), so a link naming another is reported. */
export function JobsBrowser({ buckets }: { buckets?: readonly string[] } = {}) {
  const [view, actions] = useJobsView();
  const { refreshSeconds } = usePreferences();
  const [paused, setPaused] = useState(false);
  const { query, issues } = useMemo(() => validateView(view, buckets), [view, buckets]);
  const token = currentToken(view.tokens);
  const fullQuery = query === null ? null : pageQuery(query, token);

  const { needsAnchor } = useRangeAnchor(view, actions);

  const result = useJobs(needsAnchor ? null : fullQuery);
  const jobs = result.data?.jobs ?? NO_JOBS;
  const acc = useAccumulatedPages({
    fullQuery,
    query,
    token,
    firstPage: result.isPlaceholderData ? undefined : result.data,
  });
  const table = useJobsTable(acc.active ? acc.rows : jobs, view.sort, actions.setSort);
  const active = jobs.some((j) => ACTIVE_STATES.has(j.state));
  const live = useLiveRefresh({
    queryKey: fullQuery,
    // Paused while pages are accumulated (see use-accumulated-pages for why).
    enabled: fullQuery !== null && !acc.active,
    active,
    paused,
    intervalMs: refreshSeconds * 1000,
    isFetching: result.isFetching,
    dataUpdatedAt: result.dataUpdatedAt,
    errorUpdatedAt: result.errorUpdatedAt,
    error: result.error,
    refetch: result.refetch,
  });
  const refetch = () => void result.refetch();
  const refreshNow = () => {
    acc.exit();
    refetch();
  };

  // Page shortcuts (the cheat sheet, `?`, lists them): j/k move the row cursor, Enter opens its job,
  // r refreshes. Esc is the drawer's own (components/ui/modal).
  const cursor = useRef<DataTableCursor>(null);
  useShortcuts({
    j: () => cursor.current?.move(1),
    k: () => cursor.current?.move(-1),
    Enter: (event) => !isActivatable(event.target) && (cursor.current?.activate() ?? false),
    r: () => {
      if (fullQuery === null) return false;
      refreshNow();
    },
  });
  const loaded = acc.active ? acc.rows.length : jobs.length;
  const listTotal = useListTotal(
    needsAnchor ? null : query,
    result.isPlaceholderData ? undefined : result.data,
    result.dataUpdatedAt,
  );
  const switching = result.isPlaceholderData;

  // History entries and tabs say what they show.
  const title = `${view.job ? `Job ${view.job} · ` : ''}${view.states.length ? `${view.states.join(', ')} ` : ''}${view.tag === ALL_TAGS ? 'All' : view.tag} jobs${
    view.tokens.length ? ` · page ${view.tokens.length + 1}` : ''
  } — CI Jobs Dashboard`;
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <div className="flex flex-col gap-3">
      <FiltersBar
        key={view.tag}
        view={view}
        actions={actions}
        lead={
          <ViewsMenu
            view={view}
            onApply={(saved, builtIn) => actions.setFilters({ ...stateForView(saved, builtIn, view.tag), job: null })}
          />
        }
      />
      {issues.length > 0 && query === null ? (
        <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />
      ) : (
        <>
          {issues.length > 0 && <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />}
          <div className="flex flex-wrap items-center justify-between gap-2">
            <LiveRefresh
              state={live}
              updatedAt={result.dataUpdatedAt}
              fetching={result.isFetching}
              paused={paused}
              onPausedChange={setPaused}
              onRefresh={refreshNow}
              hold={acc.active ? 'paused while pages are loaded — Refresh goes back to one page' : undefined}
            />
            <div className="flex items-center gap-2">
              {result.data && <ListCount query={needsAnchor ? null : query} total={listTotal} />}
              {result.data && (
                <JobsPagination
                  view={view}
                  actions={actions}
                  loaded={loaded}
                  pages={acc.active ? acc.pageCount : undefined}
                  query={query ?? ''}
                  nextToken={acc.active ? (acc.hasNext ? 'more' : null) : result.data.nextToken}
                  busy={result.isFetching}
                  total={acc.active ? undefined : listTotal?.total}
                />
              )}
              <ExportMenu table={table} query={query} listComplete={!token && !acc.hasNext && !switching} />
              <JobsColumnsMenu table={table} />
            </div>
          </div>
          {result.isError && result.data && (
            <JobsError
              error={result.error}
              retryAt={live.nextAt}
              onRetry={refetch}
              onFixFilter={actions.firstPage}
              compact
            />
          )}
          {result.isError && !result.data ? (
            <JobsError
              error={result.error}
              retryAt={live.nextAt}
              onRetry={refetch}
              onFixFilter={view.tokens.length ? actions.firstPage : actions.clearFilters}
            />
          ) : !result.data ? (
            <TableSkeleton columns={9} rows={Math.min(12, Number(view.size) || 10)} label="Loading jobs" />
          ) : (
            <div className={switching ? 'opacity-60 transition-opacity' : undefined}>
              <JobsTable
                table={table}
                cursorRef={cursor}
                onOpen={(job) => actions.openJob(job.jobId)}
                openJobId={view.job || null}
                busy={switching}
                empty={!switching ? <EmptyState view={view} onClear={actions.clearFilters} /> : null}
              />
              {!switching && (
                <div className="mt-2">
                  <AccumulateBar acc={acc} loaded={loaded} />
                </div>
              )}
            </div>
          )}
        </>
      )}
      <JobDrawer jobId={view.job || null} onClose={actions.closeJob} />
    </div>
  );
}
