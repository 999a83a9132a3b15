'use client';

/**
 * How far a collection of every matching job has got (features/collection/use-job-collection): "Loaded 1,800 of
 * ≥ 1,800 jobs…" with Cancel while it runs; then whether the set is whole, was stopped by the limit,
 * was cancelled (with "Go on"), or failed — with the error in the words of lib/error-advice.
 */
import { Button } from '@/components/ui/button';
import type { CollectionState } from '@/features/collection/use-job-collection';
import { BROWSER_JOBS_LIMIT } from '@/features/jobs/api/job-pages';

const count = (n: number) => n.toLocaleString('en-US');

export function CollectionProgress({
  state,
  onCancel,
  onRestart,
  what = 'jobs',
}: {
  state: CollectionState;
  onCancel: () => void;
  onRestart: () => void;
  what?: string;
}) {
  const { status, progress } = state;
  if (status === 'idle') return null;
  return (
    <div
      role="status"
      aria-live="polite"
      data-testid="collection-progress"
      data-status={status}
      className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300"
    >
      {status === 'loading' && (
        <>
          <span className="inline-block h-2 w-2 animate-pulse rounded-full bg-blue-500" aria-hidden />
          <span data-testid="collection-count">
            Loaded {count(progress.loaded)} of {progress.more || progress.pages === 0 ? '≥ ' : ''}
            {count(progress.loaded)} {what}…
          </span>
          <Button size="sm" onClick={onCancel} data-testid="collection-cancel">
            Cancel
          </Button>
        </>
      )}
      {status === 'done' && (
        <span data-testid="collection-count">
          {state.complete
            ? `All ${count(progress.loaded)} matching ${what}`
            : `The first ${count(progress.loaded)} matching ${what} — the collection stops at ${count(BROWSER_JOBS_LIMIT)}; narrow the filters to see the rest`}
        </span>
      )}
      {status === 'cancelled' && (
        <>
          <span data-testid="collection-count">
            Cancelled after {count(progress.loaded)} {what}: what is shown is partial.
          </span>
          <Button size="sm" onClick={onRestart}>
            Start again
          </Button>
        </>
      )}
      {status === 'error' && (
        <>
          <span className="text-red-700 dark:text-red-300" data-testid="collection-error">
            Stopped after {count(progress.loaded)} {what}: {state.error?.message}
          </span>
          <Button size="sm" onClick={onRestart}>
            Try again
          </Button>
        </>
      )}
    </div>
  );
}
