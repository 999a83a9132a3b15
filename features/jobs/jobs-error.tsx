'use client';

import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { useNow } from '@/components/ui/use-now';
import { adviceFor } from '@/lib/error-advice';
import { ApiError } from '@/lib/fetch-json';
import { labelForApiField } from '@/lib/jobs-search-params';

/**
 * An error from /api, with CI's Code and Message, what to do about it, and — for errors that may
 * pass — when the next automatic try is. `compact` is the banner shown above rows still on screen.
 */
export function JobsError({
  error,
  retryAt,
  onRetry,
  onFixFilter,
  compact,
}: {
  error: unknown;
  retryAt: number | null;
  onRetry: () => void;
  onFixFilter?: () => void;
  compact?: boolean;
}) {
  const now = useNow();
  const e =
    error instanceof ApiError
      ? error
      : new ApiError('InternalError', error instanceof Error ? error.message : 'Unknown error', 0);
  const advice = adviceFor(e, labelForApiField);
  const seconds = retryAt && now ? Math.max(0, Math.ceil((retryAt - now) / 1000)) : null;
  return (
    <div
      role="alert"
      data-testid="jobs-error"
      className={cn(
        'rounded border text-sm',
        advice.transient
          ? 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50'
          : 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50',
        compact ? 'px-3 py-2' : 'p-4',
      )}
    >
      <p className="font-semibold">
        {advice.title}
        {compact && <span className="font-normal"> — showing the rows from before.</span>}
      </p>
      <p className="mt-1">{advice.hint}</p>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
        <dt className="opacity-75">Code</dt>
        <dd className="font-mono font-semibold" data-testid="error-code">
          {e.code}
        </dd>
        <dt className="opacity-75">Message</dt>
        <dd className="break-words">{e.message}</dd>
        {e.field && (
          <>
            <dt className="opacity-75">Field</dt>
            <dd className="font-mono">{e.field}</dd>
          </>
        )}
        {e.upstreamStatus !== undefined && (
          <>
            <dt className="opacity-75">CI status</dt>
            <dd className="font-mono">HTTP {e.upstreamStatus}</dd>
          </>
        )}
        {e.requestId && (
          <>
            <dt className="opacity-75">Request ID</dt>
            <dd className="font-mono">{e.requestId}</dd>
          </>
        )}
      </dl>
      <div className="mt-2 flex items-center gap-2">
        <Button size="sm" onClick={onRetry}>
          Retry now
        </Button>
        {seconds !== null && <span className="text-xs">Retrying automatically in {seconds} s…</span>}
        {e.code === 'Unauthorized' && (
          <a
            className="text-xs font-medium text-blue-700 underline dark:text-blue-300"
            href={`/login?next=${encodeURIComponent(typeof window === 'undefined' ? '/jobs' : window.location.pathname + window.location.search)}`}
          >
            Sign in
          </a>
        )}
        {onFixFilter && e.code === 'InvalidArgument' && (
          <Button size="sm" variant="ghost" onClick={onFixFilter}>
            {e.field === 'nextToken' ? 'Back to page 1' : 'Clear filters'}
          </Button>
        )}
      </div>
    </div>
  );
}
