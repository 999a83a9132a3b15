'use client';

/**
 * /overview: for the filters and time window in the URL (the /jobs keys), the jobs counted per state
 * (tiles that open the list) and drawn as charts (loaded lazily: recharts is fetched by this page
 * only, after the counts show). The job index gives the figures in one request (/api/overview, the
 * shapes features/overview/aggregate computes); without it every matching job is collected from CI
 * with progress and Cancel, and counted here.
 */
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useMemo } from 'react';

import { Button } from '@/components/ui/button';
import { PageTitle } from '@/components/ui/page-title';
import { Skeleton } from '@/components/ui/skeleton';
import { CollectionProgress } from '@/features/collection/collection-progress';
import { IndexFallbackNotice, IndexSourceLabel } from '@/features/index/index-source';
import { FiltersBar } from '@/features/jobs/filters-bar';
import { FoldedFilters } from '@/features/jobs/folded-filters';
import { ViewIssues } from '@/features/jobs/view-issues';
import {
  countByState,
  durationsByTag,
  groupFailures,
  slotsByCreation,
  slotUnitFor,
  statesOf,
  type TimeSlot,
} from '@/features/overview/aggregate';
import { describeScope, scopeHref, scopeOf, timePatch } from '@/features/overview/links';
import { usePreferences } from '@/features/preferences/preferences';
import { CopyLinkButton } from '@/features/shell/copy-link-button';
import { JOB_STATES } from '@/lib/ci/tags';
import { toMs, zoneOffsetMinutes } from '@/lib/format';

import { StateTiles } from './state-tiles';
import { useScopeView } from './use-scope-view';

const OverviewCharts = dynamic(() => import('./overview-charts'), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});

const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

export function OverviewPage({ bucketNames }: { bucketNames?: readonly string[] }) {
  const { view, actions, query, issues, ready, collection, reload, index, indexPending, fallback } = useScopeView({
    buckets: bucketNames,
  });
  const { timeZone } = usePreferences();
  const { state } = collection;
  const { jobs } = state;
  const scope = scopeOf(view);

  const collected = useMemo(() => countByState(jobs), [jobs]);
  const counts = useMemo(
    () => (index ? { ...Object.fromEntries(JOB_STATES.map((s) => [s, 0])), ...index.byState } : collected),
    [index, collected],
  );
  const states = statesOf(counts);
  const collectedDurations = useMemo(() => durationsByTag(jobs), [jobs]);
  const collectedFailures = useMemo(() => groupFailures(jobs).map((g) => ({ code: g.code, count: g.count })), [jobs]);
  const durations = index ? index.runTimeByTag : collectedDurations;
  const failures = index ? index.failuresByCode : collectedFailures;
  const total = index ? index.total : jobs.length;

  // The window the bars cover: the filter's bounds, else the jobs' own span (open end: until the
  // collection started, or the newest job if later).
  const fromMs = toMs(view.from);
  const toFilterMs = toMs(view.to);
  const span = useMemo(() => {
    const created = jobs.map((j) => toMs(j.creationTime)).filter((ms): ms is number => ms !== null);
    const newest = created.length ? Math.max(...created) : null;
    const oldest = created.length ? Math.min(...created) : null;
    const from = fromMs ?? oldest;
    const to = toFilterMs ?? Math.max(state.startedAt ?? 0, newest ?? 0);
    return from === null || to < from ? null : { from, to };
  }, [jobs, fromMs, toFilterMs, state.startedAt]);
  const collectedUnit = slotUnitFor(span ? span.to - span.from : 0);
  const collectedBuckets = useMemo(
    () =>
      span
        ? slotsByCreation(jobs, {
            ...span,
            unit: collectedUnit,
            offsetMinutes: (ms) => zoneOffsetMinutes(timeZone, ms),
          })
        : [],
    [jobs, span, collectedUnit, timeZone],
  );
  const unit = index ? index.byTime.unit : collectedUnit;
  const buckets = index ? index.byTime.buckets : collectedBuckets;

  const hrefs = {
    bucket: (b: TimeSlot, s?: string) => {
      // Never wider than the filter: the first and last bars may cover part of an hour.
      const start = Math.max(b.start, fromMs ?? b.start);
      const end = Math.min(b.end, toFilterMs ?? b.end);
      return scopeHref('/jobs', scope, { ...timePatch(start, end), ...(s ? { states: [s] } : {}) });
    },
    tag: (tag: string) => scopeHref('/jobs', scope, { tag }),
    code: (code: string) => scopeHref('/triage', scope, { states: null }, code ? { code } : {}),
  };

  const blocked = issues.length > 0 && query === null;
  const partial = !index && (state.status !== 'done' || !state.complete);
  const waiting = !ready || indexPending || (!index && state.status === 'idle');

  return (
    <div className="flex flex-col gap-3">
      <PageTitle>Overview</PageTitle>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">Overview</h1>
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="overview-scope">
            {describeScope(view)}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <CopyLinkButton />
          <nav aria-label="Same jobs elsewhere" className="flex gap-3 text-xs">
            <Link className={linkClass} href={scopeHref('/jobs', scope)}>
              Open these jobs in the list
            </Link>
            <Link className={linkClass} href={scopeHref('/triage', scope, { states: null })}>
              Triage their failures
            </Link>
          </nav>
        </div>
      </div>
      <FoldedFilters view={view} done="Show overview">
        <FiltersBar key={view.tag} view={view} actions={actions} hide={['order', 'size']} />
      </FoldedFilters>
      {issues.length > 0 && <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />}
      {!blocked && (
        <>
          {fallback && <IndexFallbackNotice reason={fallback} />}
          <div className="flex flex-wrap items-center gap-3">
            {index ? (
              <IndexSourceLabel
                meta={index}
                prefix={`All ${index.total.toLocaleString('en-US')} matching job${index.total === 1 ? '' : 's'}`}
              />
            ) : (
              <CollectionProgress state={state} onCancel={collection.cancel} onRestart={() => collection.start()} />
            )}
            {(index || state.status === 'done' || state.status === 'cancelled') && (
              <Button size="sm" variant="ghost" onClick={reload} title="Count again (a preset window moves up to now)">
                ↻ Reload
              </Button>
            )}
          </div>
          {waiting ? (
            <Skeleton className="h-20 w-full" />
          ) : (
            <>
              <StateTiles
                counts={counts}
                states={states}
                total={total}
                partial={partial}
                href={(s) => scopeHref('/jobs', scope, s ? { states: [s] } : {})}
              />
              {total > 0 ? (
                <OverviewCharts
                  buckets={buckets}
                  unit={unit}
                  zone={timeZone}
                  states={states}
                  durations={durations}
                  failures={failures}
                  hrefs={hrefs}
                />
              ) : index || state.status === 'done' ? (
                <p
                  className="rounded border border-slate-200 p-4 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300"
                  data-testid="overview-empty"
                >
                  No jobs match these filters in this window. Widen the time range or clear filters.
                </p>
              ) : null}
            </>
          )}
        </>
      )}
    </div>
  );
}
