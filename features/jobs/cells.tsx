'use client';

/**
 * Cell renderers of the jobs table (small components, so they can use hooks such as the clock).
 * A scroll through loaded rows mounts a dozen rows a frame: a cell subscribes to nothing it does not
 * need (the clock only while a job runs; the queue names once per table, QueueNamesProvider).
 */
import { createContext, useContext, useMemo, type ReactNode } from 'react';

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

const QueueNames = createContext<ReadonlyMap<string, string | null>>(new Map());

/** The bucket's queue names for the QueueCells inside: asked once, not by each row. */
export function QueueNamesProvider({ children }: { children: ReactNode }) {
  const { data } = useQueues();
  const names = useMemo(() => new Map(data?.map((q) => [q.queueId, q.name])), [data]);
  return <QueueNames.Provider value={names}>{children}</QueueNames.Provider>;
}

export function QueueCell({ queueId }: { queueId: string | null }) {
  const names = useContext(QueueNames);
  if (!queueId) return <span className="text-slate-400">—</span>;
  return (
    <span className="block max-w-[10rem] truncate text-xs" title={queueId}>
      {names.get(queueId) ?? <span className="font-mono">{queueId}</span>}
    </span>
  );
}

export function CreatedCell({ time }: { time: string | null }) {
  return <Timestamp value={time} className="text-xs whitespace-nowrap tabular-nums" />;
}

/** Duration once ended; elapsed time (ticking) while running; — before start. */
export function DurationCell({ job }: { job: JobListItem }) {
  if (!job.startTime) return <span className="text-slate-400">—</span>;
  if (job.endTime)
    return <span className="text-xs whitespace-nowrap tabular-nums">{formatElapsed(job.startTime, job.endTime)}</span>;
  return <RunningDuration startTime={job.startTime} />;
}

function RunningDuration({ startTime }: { startTime: string }) {
  const now = useNow();
  return (
    <span
      className="text-xs whitespace-nowrap text-blue-700 tabular-nums dark:text-blue-300"
      title="Elapsed since start"
    >
      {now ? formatElapsed(startTime, null, now) : '…'} so far
    </span>
  );
}
