'use client';

/**
 * The filters bar, folded on a phone: below Tailwind's `md` the bar (every control, as the wide
 * screen has it) moves into a sheet behind a "Filters (n)" button, so the first jobs are on the
 * first screen; the button says how many filters are set and a line beside it what the view shows.
 * Each change applies at once, as in the bar, and the page behind follows; the footer's button closes it.
 * At `md` and wider the bar is shown as it is.
 */
import { useState, type ReactNode } from 'react';

import { Button } from '@/components/ui/button';
import { Sheet } from '@/components/ui/sheet';
import { NARROW, useMediaQuery } from '@/components/ui/use-media-query';
import { activeFilters, ALL_TAGS, RANGE_PRESETS, type JobsView, type JobsViewKey } from '@/lib/jobs-search-params';

/** The created range is one control however many of range/from/to it sets. */
const CONTROL_OF: Partial<Record<JobsViewKey, JobsViewKey>> = { from: 'range', to: 'range' };

/** How many filter controls are set (what "Filters (n)" counts). */
export function filterCount(view: JobsView): number {
  return new Set(activeFilters(view).map((f) => CONTROL_OF[f.key] ?? f.key)).size;
}

/** One line of what the view shows: the tag, then each filter's value. */
function summary(view: JobsView): string {
  const shown = new Set<JobsViewKey>();
  const parts = [view.tag === ALL_TAGS ? 'All tags' : view.tag];
  for (const f of activeFilters(view)) {
    const control = CONTROL_OF[f.key] ?? f.key;
    if (shown.has(control)) continue;
    shown.add(control);
    parts.push(f.key === 'range' ? (RANGE_PRESETS.find((p) => p.value === f.value)?.label ?? 'Custom range') : f.value);
  }
  return parts.join(' · ');
}

export function FoldedFilters({
  view,
  done = 'Done',
  children,
}: {
  view: JobsView;
  /** The sheet's closing button, saying what the operator goes back to ("Show jobs"). */
  done?: string;
  children: ReactNode;
}) {
  const narrow = useMediaQuery(NARROW);
  const [open, setOpen] = useState(false);
  const count = filterCount(view);
  const label = count ? `Filters (${count})` : 'Filters';
  return (
    <>
      {/* Until the screen is known (server, hydration) both are in the page and CSS shows one. */}
      {narrow !== false && (
        <div className="flex min-w-0 items-center gap-2 md:hidden">
          <Button
            variant="secondary"
            onClick={() => setOpen(true)}
            aria-haspopup="dialog"
            data-testid="filters-button"
            className="shrink-0"
          >
            <svg
              aria-hidden
              viewBox="0 0 16 16"
              className="h-3.5 w-3.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
            >
              <path d="M2 3.5h12M4.5 8h7M7 12.5h2" strokeLinecap="round" />
            </svg>
            {label}
          </Button>
          <span className="min-w-0 truncate text-xs text-slate-600 dark:text-slate-300" data-testid="filters-summary">
            {summary(view)}
          </span>
        </div>
      )}
      {narrow !== true && <div className={narrow === null ? 'hidden md:block' : undefined}>{children}</div>}
      {narrow === true && (
        <Sheet
          open={open}
          onClose={() => setOpen(false)}
          title={label}
          testId="filters-sheet"
          footer={
            <Button variant="primary" onClick={() => setOpen(false)}>
              {done}
            </Button>
          }
        >
          {/* The bar's controls, stretched to the sheet's width row by row (its own layout is for a wide screen). */}
          <div className="[&_label]:grow [&_select]:w-full">{children}</div>
        </Sheet>
      )}
    </>
  );
}
