'use client';

/**
 * /triage: the failed jobs of the filters and window in the URL, grouped by CI's error code, each
 * group explained from the failure catalog (lib/ci/failure-catalog: what it means, what to do),
 * with the jobs behind it and a ready-made support summary to copy (features/triage/support-summary).
 * `?code=X` opens that group (the overview's failure chart links here).
 */
import Link from 'next/link';
import { parseAsString, useQueryState } from 'nuqs';
import { useMemo } from 'react';

import { Button } from '@/components/ui/button';
import { PageTitle } from '@/components/ui/page-title';
import { Skeleton } from '@/components/ui/skeleton';
import { CollectionProgress } from '@/features/collection/collection-progress';
import { IndexFallbackNotice, IndexSourceLabel } from '@/features/index/index-source';
import { FiltersBar } from '@/features/jobs/filters-bar';
import { FoldedFilters } from '@/features/jobs/folded-filters';
import { ViewIssues } from '@/features/jobs/view-issues';
import { groupFailures } from '@/features/overview/aggregate';
import { describeScope, scopeHref, scopeOf } from '@/features/overview/links';
import { CopyLinkButton } from '@/features/shell/copy-link-button';

import { useScopeView } from '../overview/use-scope-view';
import { FailureGroupCard } from './failure-group';
import { useIndexFailures } from './use-index-failures';

const FAILED = ['Failed'];
const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

export function TriagePage({ bucketNames }: { bucketNames?: readonly string[] }) {
  const { view, actions, query, issues, ready, collection, reload, index, indexPending, fallback } = useScopeView({
    forceStates: FAILED,
    buckets: bucketNames,
  });
  const [code, setCode] = useQueryState(
    'code',
    parseAsString.withDefault('').withOptions({ history: 'replace', scroll: false }),
  );
  const { state } = collection;
  const collectedGroups = useMemo(() => groupFailures(state.jobs), [state.jobs]);
  const indexed = useIndexFailures(query, index);
  const groups = index ? indexed.groups : collectedGroups;
  const failedCount = index ? index.total : state.jobs.length;
  const scope = { ...scopeOf(view), states: FAILED };
  const scopeText = describeScope({ ...view, states: FAILED });

  const blocked = issues.length > 0 && query === null;
  const done = index ? true : state.status === 'done';
  const waiting = !ready || indexPending || (!index && state.status === 'idle');
  const missing = code !== '' && done && !groups.some((g) => g.code === code);

  return (
    <div className="flex flex-col gap-3">
      <PageTitle>{`${code ? `${code} · ` : ''}Failure triage`}</PageTitle>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-base font-semibold">Failure triage</h1>
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="triage-scope">
            {scopeText}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3">
          <CopyLinkButton />
          <nav aria-label="Same jobs elsewhere" className="flex gap-3 text-xs">
            <Link className={linkClass} href={scopeHref('/jobs', scope)}>
              Open the failed jobs in the list
            </Link>
            <Link className={linkClass} href={scopeHref('/overview', scopeOf(view))}>
              Overview of these filters
            </Link>
          </nav>
        </div>
      </div>
      <FoldedFilters view={view} done="Show failures">
        <FiltersBar key={view.tag} view={view} actions={actions} hide={['states', 'order', 'size']} />
      </FoldedFilters>
      {issues.length > 0 && <ViewIssues issues={issues} onRemove={actions.remove} onResetAll={actions.resetAll} />}
      {!blocked && (
        <>
          {fallback && <IndexFallbackNotice reason={fallback} />}
          <div className="flex flex-wrap items-center gap-3">
            {index ? (
              <IndexSourceLabel meta={index} />
            ) : (
              <CollectionProgress
                state={state}
                what="failed jobs"
                onCancel={collection.cancel}
                onRestart={() => collection.start()}
              />
            )}
            {(done || state.status === 'cancelled') && (
              <Button size="sm" variant="ghost" onClick={reload}>
                ↻ Reload
              </Button>
            )}
          </div>
          {index && indexed.error && (
            <p role="alert" className="text-xs text-red-700 dark:text-red-300" data-testid="triage-jobs-error">
              The jobs of a code could not be read from the index: {indexed.error.message}
            </p>
          )}
          {missing && (
            <p
              role="status"
              className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
            >
              No failed job has the code <code className="font-mono">{code}</code> in this view.{' '}
              <button type="button" className="underline" onClick={() => void setCode(null)}>
                Show every code
              </button>
            </p>
          )}
          {waiting ? (
            <Skeleton className="h-32 w-full" />
          ) : groups.length === 0 ? (
            done && (
              <p
                className="rounded border border-slate-200 p-4 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300"
                data-testid="triage-empty"
              >
                No failed jobs match these filters in this window.
              </p>
            )
          ) : (
            <>
              <p className="text-sm" data-testid="triage-summary">
                {failedCount.toLocaleString('en-US')} failed job{failedCount === 1 ? '' : 's'} in {groups.length} error
                code
                {groups.length === 1 ? '' : 's'}
                {!done && ' so far'}
              </p>
              <ul className="flex flex-col gap-3">
                {groups.map((group) => (
                  <li key={group.code}>
                    <FailureGroupCard
                      group={group}
                      scopeText={scopeText}
                      bucket={view.bucket ?? ''}
                      listHref={scopeHref('/jobs', scope)}
                      selected={group.code === code}
                      onToggle={(open) => void setCode(open ? group.code : group.code === code ? null : code || null)}
                    />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </div>
  );
}
