'use client';

/**
 * A preset range in a link without its anchor (`?range=24h` or `?range=yesterday`, no `from`): its
 * window is fixed now, in the chosen time zone (lib/ranges presetWindow), replacing the history entry,
 * so paging and collections count one window. Until then the view must not be requested
 * (`needsAnchor`). Used by the list and by the overview and triage.
 */
import { useEffect } from 'react';

import { currentPreferences } from '@/features/preferences/preferences';
import type { JobsView } from '@/lib/jobs-search-params';
import { findPreset, presetWindow } from '@/lib/ranges';

import type { JobsViewActions } from './use-jobs-view';

export function useRangeAnchor(view: JobsView, actions: JobsViewActions) {
  const preset = findPreset(view.range);
  const needsAnchor = Boolean(preset && !view.from);
  useEffect(() => {
    if (!preset || !needsAnchor) return;
    // The stored zone, not the rendered one: right after hydration the render still has the defaults.
    const { from, to } = presetWindow(preset, Date.now(), currentPreferences().timeZone);
    actions.setFilters({ from, to: to || null }, { replace: true });
  }, [preset, needsAnchor, actions]);
  return { preset, needsAnchor };
}
