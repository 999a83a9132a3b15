'use client';

/**
 * A job as a card, for the list on a phone (components/data-table/data-cards): what the table's
 * columns say, stacked so nothing needs a sideways scroll — state and tag, when it was created,
 * the job ID (shortened, copied whole), the input object, queue, and progress or duration.
 */
import { CopyButton } from '@/components/ui/copy-button';
import { ProgressBar } from '@/components/ui/progress-bar';
import type { JobListItem } from '@/lib/ci/types';
import { shortId } from '@/lib/format';

import { CreatedCell, durationCell, QueueCell, tagCell } from './cells';
import { StateBadge } from './state-badge';
import { ACTIVE_STATES } from './state-styles';

export function JobCard({ job }: { job: JobListItem }) {
  const input = job.input?.object;
  return (
    <article data-testid="job-card" className="flex flex-col gap-1 text-sm">
      <div className="flex items-center gap-2">
        <StateBadge state={job.state} />
        {tagCell(job.tag)}
        <span className="ml-auto text-slate-600 dark:text-slate-300">
          <CreatedCell time={job.creationTime} />
        </span>
      </div>
      <div className="flex min-w-0 items-center gap-1">
        <span className="font-mono text-xs" title={job.jobId} data-testid="job-id" data-job-id={job.jobId}>
          {shortId(job.jobId)}
        </span>
        <CopyButton value={job.jobId} label={`job ID ${job.jobId}`} size="md" />
        <span className="ml-auto min-w-0 text-slate-600 dark:text-slate-300">
          <QueueCell queueId={job.queueId} />
        </span>
      </div>
      <div className="min-w-0 truncate font-mono text-xs text-slate-700 dark:text-slate-200" title={input ?? undefined}>
        {input ?? <span className="text-slate-400">no input object</span>}
      </div>
      <div className="flex items-center gap-3">
        {(ACTIVE_STATES.has(job.state) || job.progress !== null) && (
          <ProgressBar value={job.progress} state={job.state} />
        )}
        <span className="ml-auto">{durationCell(job)}</span>
      </div>
    </article>
  );
}

/** For DataCards' renderCard: one stable function, so memoized cards re-render only with their job. */
export const renderJobCard = (job: JobListItem) => <JobCard job={job} />;
