'use client';

import { preloadVirtualizer } from '@/components/data-table/use-lazy-virtualizer';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/fetch-json';

import { BROWSER_JOBS_LIMIT } from './api/job-pages';
import type { useAccumulatedPages } from './use-accumulated-pages';

type Accumulated = ReturnType<typeof useAccumulatedPages>;

/** More than a page of rows is virtualized: its code starts loading on the intent to load more. */
const intent = { onPointerEnter: () => void preloadVirtualizer(), onFocus: () => void preloadVirtualizer() };

/**
 * Under the table: "Load more" / "Load all" append the following pages to it (accumulate mode,
 * see use-accumulated-pages; with a live index Load all reads one streamed answer of the index),
 * Cancel stops loading, "One page" goes back to the single page.
 */
export function AccumulateBar({ acc, loaded }: { acc: Accumulated; loaded: number }) {
  if (!acc.active && !acc.hasNext) return null;
  const busy = acc.fetching || acc.loadingAll;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" role="group" aria-label="Load more pages">
      {acc.active && (
        <span
          data-testid="accumulate-status"
          data-loading={busy || undefined}
          aria-live="polite"
          className="text-slate-600 tabular-nums dark:text-slate-300"
        >
          {loaded.toLocaleString('en')} loaded from{' '}
          {acc.source === 'index' ? 'the job index' : `${acc.pageCount} ${acc.pageCount === 1 ? 'page' : 'pages'}`}
          {busy
            ? ' · loading…'
            : acc.capped
              ? ` · stopped at ${BROWSER_JOBS_LIMIT.toLocaleString('en')}`
              : acc.hasNext
                ? ' · more available'
                : ' · end of the list'}
        </span>
      )}
      {acc.hasNext && (
        <>
          <Button size="sm" data-testid="load-more" onClick={acc.loadMore} disabled={busy} {...intent}>
            Load more
          </Button>
          <Button
            size="sm"
            data-testid="load-all"
            onClick={() => {
              // The click is intent too (a script's click, or one without a pointer moving first).
              void preloadVirtualizer();
              acc.loadAll();
            }}
            {...intent}
            disabled={busy || loaded >= BROWSER_JOBS_LIMIT}
          >
            Load all (up to {BROWSER_JOBS_LIMIT.toLocaleString('en')})
          </Button>
        </>
      )}
      {busy && (
        <Button size="sm" data-testid="load-cancel" onClick={acc.cancel}>
          Cancel
        </Button>
      )}
      {acc.active && (
        <Button size="sm" data-testid="load-exit" onClick={acc.exit} disabled={busy}>
          Back to one page
        </Button>
      )}
      {acc.error && (
        <span role="alert" className="text-xs text-amber-800 dark:text-amber-200">
          Loading stopped:{' '}
          {acc.error instanceof ApiError ? `${acc.error.code}: ${acc.error.message}` : String(acc.error)} — Load more
          resumes.
        </span>
      )}
    </div>
  );
}
