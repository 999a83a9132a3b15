'use client';

/**
 * The jobs list: filters, table, paging, live refresh and the detail drawer, all driven by the URL
 * (use-jobs-view). Data comes from GET /api/jobs through features/jobs/api/jobs.
 */
import { lazy, Suspense, useMemo, useRef, useState } from 'react';

import type { DataTableCursor } from '@/components/data-table/data-table';
import { TableSkeleton } from '@/components/data-table/table-skeleton';
import { PageTitle } from '@/components/ui/page-title';
import { useJobs } from '@/features/jobs/api/jobs';
import { usePreferences } from '@/features/preferences/preferences';
import { isActivatable } from '@/features/shortcuts/shortcuts';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';
import type { JobListItem } from '@/lib/ci/types';
import { ALL_TAGS, currentToken, pageQuery, validateView } from '@/lib/jobs-search-params';
import { stateForView } from '@/lib/saved-views';

import { ExportMenu } from '../export/lazy-export-menu';
import { FindResultNote } from '../find-job/find-result-note';
import { CopyLinkButton } from '../shell/copy-link-button';
import { ViewsMenu } from '../views/lazy-views-menu';
import { AccumulateBar } from './accumulate-bar';
import { EmptyState } from './empty-state';
import { FiltersBar } from './filters-bar';
import { FoldedFilters } from './folded-filters';
import { JobsColumnsMenu, JobsTable, useJobsTable } from './jobs-table';
import { ListCount, useListTotal } from './list-count';
import { LiveRefresh } from './live-refresh';
import { windowRunsToNow } from './live-refresh-plan';
import { JobsPagination, pagingBusy } from './pagination';
import { ACTIVE_STATES } from './state-styles';
import { useAccumulatedPages } from './use-accumulated-pages';
import { useJobEvents } from './use-job-events';
import { useJobsView } from './use-jobs-view';
import { useLiveRefresh } from './use-live-refresh';
import { useLiveRows } from './use-live-rows';
import { useRangeAnchor } from './use-range-anchor';

// Parts that show only once something happened load then (bench P5): the drawer (its Radix dialog,
// the detail's loader) when a job is first opened, the notices when there is one to show.
const JobDrawer = lazy(() => import('./detail/job-drawer').then((m) => ({ default: m.JobDrawer })));
const JobsError = lazy(() => import('./jobs-error').then((m) => ({ default: m.JobsError })));
const ViewIssues = lazy(() => import('./view-issues').then((m) => ({ default: m.ViewIssues })));
const NewJobsBar = lazy(() => import('./live-notices').then((m) => ({ default: m.NewJobsBar })));
const LeftJobsNotice = lazy(() => import('./live-notices').then((m) => ({ default: m.LeftJobsNotice })));

const NO_JOBS: JobListItem[] = [];
/** While changes are pushed, the list still polls this rarely, in case a push was lost. */
const PUSH_FALLBACK_SECONDS = 60;

/** `buckets`: the configured bucket names (from the page), so a link naming another is reported. */
export function JobsBrowser({ buckets }: { buckets?: readonly string[] } = {}) {
  const [view, actions] = useJobsView();
  const { refreshSeconds } = usePreferences();
  const [paused, setPaused] = useState(false);
  const { query, issues } = useMemo(() => validateView(view, buckets), [view, buckets]);
  const token = currentToken(view.tokens);
  const fullQuery = query === null ? null : pageQuery(query, token);

  const { needsAnchor } = useRangeAnchor(view, actions);
  // Kept once a job was opened, so that closing it is the drawer's own (focus goes back to the row).
  const [drawer, setDrawer] = useState(Boolean(view.job));
  if (view.job && !drawer) setDrawer(true);

  const result = useJobs(needsAnchor ? null : fullQuery);
  const jobs = result.data?.jobs ?? NO_JOBS;
  const acc = useAccumulatedPages({
    fullQuery,
    query,
    token,
    firstPage: result.isPlaceholderData ? undefined : result.data,
  });
  // Rows update in place; new jobs wait behind "n new since you looked"; jobs that left are announced.
  const liveRows = useLiveRows({
    queryKey: fullQuery,
    answer: result.isPlaceholderData ? undefined : result.data?.jobs,
    answerAt: result.dataUpdatedAt,
    states: view.states,
    openJobId: view.job || null,
  });
  const shownRows = result.isPlaceholderData ? jobs : liveRows.rows;
  const table = useJobsTable(acc.active ? acc.rows : shownRows, view.sort, actions.setSort);
  const active = jobs.some((j) => ACTIVE_STATES.has(j.state));
  // The server pushes changes (GET /api/events); while it does, the timer is only a safety net.
  const push = useJobEvents({ bucket: view.bucket, tag: view.tag, enabled: fullQuery !== null });
  const live = useLiveRefresh({
    queryKey: fullQuery,
    // Paused while pages are accumulated (see use-accumulated-pages for why).
    enabled: fullQuery !== null && !acc.active,
    active,
    // Timed by the last answer, not a ticking clock: a window that ended since then rests after the next.
    live: windowRunsToNow(view.to, result.dataUpdatedAt),
    paused,
    intervalMs: (push.connected ? Math.max(refreshSeconds, PUSH_FALLBACK_SECONDS) : refreshSeconds) * 1000,
    isFetching: result.isFetching,
    dataUpdatedAt: result.dataUpdatedAt,
    errorUpdatedAt: result.errorUpdatedAt,
    error: result.error,
    refetch: result.refetch,
  });
  const refetch = () => void result.refetch();
  const refreshNow = () => {
    acc.exit();
    liveRows.revealNext();
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
  const loaded = acc.active ? acc.rows.length : shownRows.length;
  const listTotal = useListTotal(
    needsAnchor ? null : query,
    result.isPlaceholderData ? undefined : result.data,
    result.dataUpdatedAt,
  );
  const switching = result.isPlaceholderData;

  // History entries and tabs say what they show.
  const title = `${view.job ? `Job ${view.job} · ` : ''}${view.states.length ? `${view.states.join(', ')} ` : ''}${view.tag === ALL_TAGS ? 'All' : view.tag} jobs${
    view.tokens.length ? ` · page ${view.tokens.length + 1}` : ''
  }`;

  return (
    <div className="flex flex-col gap-3">
      <PageTitle>{title}</PageTitle>
      <FoldedFilters view={view} done="Show jobs">
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
      </FoldedFilters>
      {issues.length > 0 && query === null ? (
        <Suspense>
          <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />
        </Suspense>
      ) : (
        <>
          {issues.length > 0 && (
            <Suspense>
              <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />
            </Suspense>
          )}
          <FindResultNote />
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <LiveRefresh
                state={live}
                updatedAt={result.dataUpdatedAt}
                fetching={result.isFetching}
                paused={paused}
                onPausedChange={setPaused}
                onRefresh={refreshNow}
                hold={acc.active ? 'paused while pages are loaded — Refresh goes back to one page' : undefined}
              />
              <span
                data-testid="live-source"
                // On a phone the list's first screen is for jobs: how updates arrive is a desktop detail.
                className="text-xs text-slate-500 max-sm:hidden dark:text-slate-400"
                title={
                  push.connected
                    ? 'The server pushes job changes; the timer only checks now and then'
                    : 'No push from the server: the list polls on its timer'
                }
              >
                {push.connected ? 'live: push' : 'live: polling'}
              </span>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {result.data && <ListCount query={needsAnchor ? null : query} total={listTotal} />}
              {/* On a phone the pages come first, on rows of their own; Count, Copy link and Export share the next. */}
              {result.data && (
                <div className="max-sm:order-first max-sm:w-full">
                  <JobsPagination
                    view={view}
                    actions={actions}
                    loaded={loaded}
                    pages={acc.active ? acc.pageCount : undefined}
                    query={query ?? ''}
                    nextToken={acc.active ? (acc.hasNext ? 'more' : null) : result.data.nextToken}
                    busy={pagingBusy(result)}
                    total={acc.active ? undefined : listTotal?.total}
                  />
                </div>
              )}
              <CopyLinkButton />
              <ExportMenu table={table} query={query} listComplete={!token && !acc.hasNext && !switching} />
              {/* Columns are the table's: the cards on a phone show a fixed set. */}
              <span className="hidden md:contents">
                <JobsColumnsMenu table={table} />
              </span>
            </div>
          </div>
          {result.isError && result.data && (
            <Suspense>
              <JobsError
                error={result.error}
                retryAt={live.nextAt}
                onRetry={refetch}
                onFixFilter={actions.firstPage}
                compact
              />
            </Suspense>
          )}
          {!acc.active && !switching && (liveRows.left.length > 0 || liveRows.held.length > 0) && (
            <Suspense>
              <LeftJobsNotice left={liveRows.left} onOpen={actions.openJob} onDismiss={liveRows.dismissLeft} />
              <NewJobsBar
                held={liveRows.held}
                // Every job of the page is new and there are more: the count is a floor.
                more={liveRows.held.length === jobs.length && Boolean(result.data?.nextToken)}
                onShow={liveRows.showNew}
              />
            </Suspense>
          )}
          {result.isError && !result.data ? (
            <Suspense>
              <JobsError
                error={result.error}
                retryAt={live.nextAt}
                onRetry={refetch}
                onFixFilter={view.tokens.length ? actions.firstPage : actions.clearFilters}
              />
            </Suspense>
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
                // From the first Load more until the list leaves accumulation: a Load more that brings
                // nothing must not flip the table back to plain rows (and lose its scroll).
                growing={acc.active}
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
      {drawer && (
        <Suspense>
          <JobDrawer jobId={view.job || null} onClose={actions.closeJob} />
        </Suspense>
      )}
    </div>
  );
}
