'use client';

/**
 * The view of a whole-set page (overview, triage): the /jobs URL keys and filters (use-jobs-view).
 * A link without filters was already given the defaults by the server page (defaultScopeHref in
 * features/overview/links). A preset range is anchored (`from`) before anything is asked, like the
 * list does, so a shared link counts the same window. Then the job index answers the whole window in
 * one request (/api/overview); when it cannot (off, starting, still backfilling), every matching job
 * is collected from CI instead (use-job-collection), with progress and Cancel, and `fallback` says why.
 */
import { useMemo } from 'react';

import { useJobCollection } from '@/features/collection/use-job-collection';
import { isIndexUnavailable, overviewQuery, useIndexOverview } from '@/features/index/index-api';
import { useJobsView } from '@/features/jobs/use-jobs-view';
import { useRangeAnchor } from '@/features/jobs/use-range-anchor';
import { usePreferences } from '@/features/preferences/preferences';
import { validateView, type JobsView } from '@/lib/jobs-search-params';
import { presetWindow } from '@/lib/ranges';

/** `buckets`: the configured bucket names, so a link naming another one is a notice, not a request. */
export function useScopeView({ forceStates, buckets }: { forceStates?: string[]; buckets?: readonly string[] } = {}) {
  const [view, actions] = useJobsView();
  const { timeZone } = usePreferences();

  const { preset, needsAnchor } = useRangeAnchor(view, actions);

  const effective: JobsView = useMemo(
    () => (forceStates ? { ...view, states: forceStates } : view),
    [view, forceStates],
  );
  const { query, issues } = useMemo(() => validateView(effective, buckets), [effective, buckets]);
  const active = needsAnchor ? null : query;

  const indexed = useIndexOverview(active === null ? null : overviewQuery(active, timeZone));
  const backfilling = indexed.data?.index.state === 'backfilling';
  const fallback: string | null = indexed.isError
    ? isIndexUnavailable(indexed.error)
      ? `${indexed.error.message}.`
      : `The job index did not answer (${indexed.error.message}).`
    : backfilling
      ? 'The job index is still backfilling, so its counts are not whole yet.'
      : null;
  const index = indexed.data && !backfilling ? indexed.data : null;
  const collection = useJobCollection(fallback !== null ? active : null);

  /** A preset window moves up to now (new jobs count; Yesterday to the current yesterday); otherwise the same window is asked again. */
  const reload = () => {
    const next = preset ? presetWindow(preset, Date.now(), timeZone) : { from: view.from, to: view.to };
    if (next.from !== view.from || next.to !== view.to) actions.setFilters({ from: next.from, to: next.to || null });
    else if (fallback !== null) collection.start();
    else void indexed.refetch();
  };

  return {
    view,
    actions,
    query,
    issues,
    ready: !needsAnchor,
    /** The index's figures for the window, when it answers them. */
    index,
    /** Waiting for the index's answer (nothing collected meanwhile). */
    indexPending: active !== null && indexed.isPending,
    /** Why the figures are collected from CI instead, or null. */
    fallback,
    collection,
    reload,
  };
}
