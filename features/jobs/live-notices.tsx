'use client';

/**
 * Above the table, what live refresh did not do by itself: new jobs held back ("3 new since you
 * looked", shown on click or `r`), and jobs that left the view while watched ("2 finished: 1 Success,
 * 1 Failed", each a link that opens the job), until dismissed. Rules: features/jobs/live-rows.ts.
 */
import { Button } from '@/components/ui/button';
import { cn, focusRing } from '@/components/ui/cn';
import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket } from '@/lib/bucket-param';
import type { JobListItem } from '@/lib/ci/types';

import { leftSummary, type LeftJob } from './live-rows';
import { StateBadge } from './state-badge';

export function NewJobsBar({
  held,
  more,
  onShow,
}: {
  held: readonly JobListItem[];
  more: boolean;
  onShow: () => void;
}) {
  if (held.length === 0) return null;
  const count = `${held.length}${more ? '+' : ''}`;
  return (
    <button
      type="button"
      data-testid="new-jobs"
      onClick={onShow}
      aria-live="polite"
      className={cn(
        'w-full rounded border border-blue-300 bg-blue-50 px-3 py-1.5 text-sm text-blue-800 hover:bg-blue-100 dark:border-blue-800 dark:bg-blue-950 dark:text-blue-200 dark:hover:bg-blue-900',
        focusRing,
      )}
    >
      ↑ {count} new since you looked — show {held.length === 1 ? 'it' : 'them'} (r)
    </button>
  );
}

export function LeftJobsNotice({
  left,
  onOpen,
  onDismiss,
}: {
  left: readonly LeftJob[];
  onOpen: (jobId: string) => void;
  onDismiss: () => void;
}) {
  const bucket = useCurrentBucket();
  if (left.length === 0) return null;
  return (
    <div
      role="status"
      data-testid="left-jobs"
      className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-300 bg-slate-50 px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <span className="font-medium">{leftSummary(left)}</span>
      {left.map((l) => (
        <a
          key={l.jobId}
          href={withBucket(`/jobs/${encodeURIComponent(l.jobId)}`, bucket)}
          data-testid="left-job"
          onClick={(e) => {
            // A plain click opens the job beside the list; a new tab gets its own page.
            if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
            e.preventDefault();
            onOpen(l.jobId);
          }}
          className={cn(
            'inline-flex items-center gap-1 font-mono text-xs text-blue-700 hover:underline dark:text-blue-300',
            focusRing,
          )}
        >
          {l.jobId}
          {l.state ? <StateBadge state={l.state} /> : <span className="font-sans">(no longer found)</span>}
        </a>
      ))}
      <Button size="sm" className="ml-auto" onClick={onDismiss} aria-label="Dismiss the finished jobs notice">
        ×
      </Button>
    </div>
  );
}
