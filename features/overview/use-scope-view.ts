'use client';

/**
 * The view of a whole-set page (overview, triage): the /jobs URL keys and filters (use-jobs-view).
 * A link without filters was already given the defaults by the server page (defaultScopeHref in
 * features/overview/links). A preset range is anchored (`from`) before anything is collected, like the
 * list does, so a shared link counts the same window. Then every matching job is collected
 * (use-job-collection), with progress and Cancel.
 */
import { useMemo } from 'react';

import { useJobCollection } from '@/features/collection/use-job-collection';
import { useJobsView } from '@/features/jobs/use-jobs-view';
import { useRangeAnchor } from '@/features/jobs/use-range-anchor';
import { toIsoSeconds } from '@/lib/format';
import { validateView, type JobsView } from '@/lib/jobs-search-params';

/** `buckets`: the configured bucket names, so a link naming another one is a notice, not a request. */
export function useScopeView({ forceStates, buckets }: { forceStates?: string[]; buckets?: readonly string[] } = {}) {
  const [view, actions] = useJobsView();

  const { preset, needsAnchor } = useRangeAnchor(view, actions);

  const effective: JobsView = useMemo(
    () => (forceStates ? { ...view, states: forceStates } : view),
    [view, forceStates],
  );
  const { query, issues } = useMemo(() => validateView(effective, buckets), [effective, buckets]);
  const collection = useJobCollection(needsAnchor ? null : query);

  /** A preset window moves up to now (new jobs count); otherwise the same window is collected again. */
  const reload = () => {
    const from = preset ? toIsoSeconds(Date.now() - preset.ms) : view.from;
    if (from !== view.from) actions.setFilters({ from });
    else collection.start();
  };

  return { view, actions, query, issues, ready: !needsAnchor, collection, reload };
}
