'use client';

/**
 * Cell renderers of the jobs table, also stacked in a phone's card (job-card). A page hydrates a
 * hundred rows and a scroll through loaded rows updates fifteen a frame, so most cells are plain
 * functions returning markup (called by the row, not mounted: components/data-table/data-row), the
 * copy button is markup the table's one handler serves (components/ui/copy-cell), and the few cells
 * that depend on more than their job are small components reading one context (CellView): the
 * queue names, asked once a table, and the time zone, resolved once a table — not a subscription
 * to the preferences and to hydration in every timestamp. The clock only ticks in running rows.
 */
import { createContext, startTransition, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import { copyIcon } from '@/components/ui/copy-cell';
import { shownZone } from '@/components/ui/timestamp';
import { useNow } from '@/components/ui/use-now';
import { useQueues } from '@/features/jobs/api/queues';
import { usePreferences } from '@/features/preferences/preferences';
import { tagInfo } from '@/lib/ci/tags';
import type { JobListItem } from '@/lib/ci/types';
import { formatElapsed, formatInstant, type TimeZoneChoice } from '@/lib/format';

const dash = <span className="text-slate-400">—</span>;

export function jobIdCell(jobId: string) {
  return (
    <span className="flex items-center gap-1">
      <span className="font-mono text-xs" data-testid="job-id">
        {jobId}
      </span>
      {copyIcon(jobId, `job ID ${jobId}`)}
    </span>
  );
}

export function tagCell(tag: string) {
  return (
    <span data-testid="tag-cell" title={tagInfo(tag)?.name ?? 'A tag this dashboard does not know'} className="text-xs">
      {tag}
    </span>
  );
}

export function objectCell(object: string | null | undefined) {
  if (!object) return dash;
  return (
    <span className="block max-w-[12rem] truncate font-mono text-xs" title={object}>
      {object}
    </span>
  );
}

/** What the cells show beyond their job: the bucket's queue names and the zone timestamps are shown in. */
interface CellView {
  names: ReadonlyMap<string, string | null>;
  zone: TimeZoneChoice;
}

const CellViewContext = createContext<CellView>({ names: new Map(), zone: 'utc' });

/**
 * The CellView of the cells inside. The zone follows Timestamp's rule (shownZone: UTC until
 * hydrated), but the browser's own zone follows in a transition — after the first rows are
 * painted, not in the task that hydrates them.
 */
export function CellViewProvider({ children }: { children: ReactNode }) {
  const { data } = useQueues();
  const { timeZone } = usePreferences();
  const [local, setLocal] = useState(false);
  useEffect(() => startTransition(() => setLocal(true)), []);
  const zone = shownZone(timeZone, local);
  const names = useMemo(() => new Map(data?.map((q) => [q.queueId, q.name])), [data]);
  const view = useMemo(() => ({ names, zone }), [names, zone]);
  return <CellViewContext.Provider value={view}>{children}</CellViewContext.Provider>;
}

export function QueueCell({ queueId }: { queueId: string | null }) {
  const { names } = useContext(CellViewContext);
  if (!queueId) return dash;
  return (
    <span className="block max-w-[10rem] truncate text-xs" title={queueId}>
      {names.get(queueId) ?? <span className="font-mono">{queueId}</span>}
    </span>
  );
}

/** Formatted instants by zone and value: a job's time is formatted once, not on every render of its row. */
const instants = new Map<string, string>();

function instantText(value: string, zone: TimeZoneChoice): string {
  const key = `${zone} ${value}`;
  let text = instants.get(key);
  if (text === undefined) {
    if (instants.size >= 50_000) instants.clear(); // a bound, far above the rows a list loads
    text = formatInstant(value, zone);
    instants.set(key, text);
  }
  return text;
}

/** When the job was created, in the chosen zone with its offset (the value as CI gave it on hover). */
export function CreatedCell({ time }: { time: string | null }) {
  const { zone } = useContext(CellViewContext);
  if (!time) return <span className="text-xs">—</span>;
  return (
    <time dateTime={time} className="text-xs whitespace-nowrap tabular-nums" title={time}>
      {instantText(time, zone)}
    </time>
  );
}

/** Duration once ended; elapsed time (ticking) while running; — before start. */
export function durationCell(job: JobListItem) {
  if (!job.startTime) return dash;
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
