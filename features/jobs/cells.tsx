'use client';

/** Cell renderers of the jobs table (small components, so they can use hooks such as the clock). */
import { CopyButton } from '@/components/ui/copy-button';
import { Timestamp } from '@/components/ui/timestamp';
import { useNow } from '@/components/ui/use-now';
import { useQueues } from '@/features/jobs/api/queues';
import { tagInfo } from '@/lib/ci/tags';
import type { JobListItem } from '@/lib/ci/types';
import { formatElapsed } from '@/lib/format';

export function JobIdCell({ jobId }: { jobId: string }) {
  return (
    <span className="flex items-center gap-1">
      <span className="font-mono text-xs" data-testid="job-id">
        {jobId}
      </span>
      <CopyButton value={jobId} label={`job ID ${jobId}`} />
    </span>
  );
}

export function TagCell({ tag }: { tag: string }) {
  const info = tagInfo(tag);
  return (
    <span data-testid="tag-cell" title={info?.name ?? 'A tag this dashboard does not know'} className="text-xs">
      {tag}
    </span>
  );
}

export function ObjectCell({ object }: { object: string | null | undefined }) {
  if (!object) return <span className="text-slate-400">—</span>;
  return (
    <span className="block max-w-[12rem] truncate font-mono text-xs" title={object}>
      {object}
    </span>
  );
}

export function QueueCell({ queueId }: { queueId: string | null }) {
  const { data } = useQueues();
  if (!queueId) return <span className="text-slate-400">—</span>;
  const queue = data?.find((q) => q.queueId === queueId);
  return (
    <span className="block max-w-[10rem] truncate text-xs" title={queueId}>
      {queue?.name ?? <span className="font-mono">{queueId}</span>}
    </span>
  );
}

export function CreatedCell({ time }: { time: string | null }) {
  return <Timestamp value={time} className="text-xs whitespace-nowrap tabular-nums" />;
}

/** Duration once ended; elapsed time (ticking) while running; — before start. */
export function DurationCell({ job }: { job: JobListItem }) {
  const now = useNow();
  if (!job.startTime) return <span className="text-slate-400">—</span>;
  if (job.endTime)
    return <span className="text-xs whitespace-nowrap tabular-nums">{formatElapsed(job.startTime, job.endTime)}</span>;
  return (
    <span
      className="text-xs whitespace-nowrap text-blue-700 tabular-nums dark:text-blue-300"
      title="Elapsed since start"
    >
      {now ? formatElapsed(job.startTime, null, now) : '…'} so far
    </span>
  );
}
