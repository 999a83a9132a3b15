'use client';

/**
 * A preset range in a link without its anchor (`?range=24h`, no `from`): the start is fixed now,
 * replacing the history entry, so paging and collections count one window. Until then the view
 * must not be requested (`needsAnchor`). Used by the list and by the overview and triage.
 */
import { useEffect } from 'react';

import { toIsoSeconds } from '@/lib/format';
import { RANGE_PRESETS, type JobsView } from '@/lib/jobs-search-params';

import type { JobsViewActions } from './use-jobs-view';

export function useRangeAnchor(view: JobsView, actions: JobsViewActions) {
  const preset = RANGE_PRESETS.find((p) => p.value === view.range);
  const needsAnchor = Boolean(preset && !view.from);
  useEffect(() => {
    if (preset && needsAnchor) actions.setFilters({ from: toIsoSeconds(Date.now() - preset.ms) }, { replace: true });
  }, [preset, needsAnchor, actions]);
  return { preset, needsAnchor };
}
