'use client';

import { ProgressBar } from '@/components/ui/progress-bar';
import { RelativeTime, Timestamp } from '@/components/ui/timestamp';
import { useNow } from '@/components/ui/use-now';
import { useQueues } from '@/features/jobs/api/queues';
import { FailureExplanation } from '@/features/jobs/failure-explanation';
import { explainFailure } from '@/lib/ci/failure-catalog';
import { tagInfo } from '@/lib/ci/tags';
import type { Job } from '@/lib/ci/types';
import { formatElapsed } from '@/lib/format';

import { StateBadge } from '../state-badge';
import { Copyable, Fields, Section } from './section';

export function SummarySection({ job }: { job: Job }) {
  const now = useNow();
  const { data: queues } = useQueues();
  const queue = queues?.find((q) => q.queueId === job.queueId);
  const info = tagInfo(job.tag);
  const failed = job.state === 'Failed';
  return (
    <Section title="Summary" testId="detail-summary">
      {failed && (
        <div
          role="alert"
          className="mb-3 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-950 dark:border-red-800 dark:bg-red-950/60 dark:text-red-50"
        >
          <p className="font-semibold">
            Failed: <span className="font-mono">{job.code ?? 'no code'}</span>
          </p>
          <p className="mt-1">{job.message || 'CI gave no message.'}</p>
          <FailureAdvice code={job.code} />
        </div>
      )}
      <Fields
        entries={[
          ['Job ID', <Copyable key="id" value={job.jobId} label="job ID" />],
          [
            'Tag',
            <span key="tag">
              <span className="font-medium">{job.tag}</span>
              {info && <span className="text-slate-500 dark:text-slate-400"> — {info.name}</span>}
              {job.subTag && <span className="text-slate-500 dark:text-slate-400"> ({job.subTag})</span>}
            </span>,
          ],
          [
            'State',
            <span key="state" data-testid="job-state">
              <StateBadge state={job.state} />
            </span>,
          ],
          ['Progress', <ProgressBar key="p" value={job.progress} state={job.state} />],
          [
            'Queue',
            job.queueId ? (
              <span key="q">
                {queue?.name && <span className="mr-2">{queue.name}</span>}
                <Copyable value={job.queueId} label="queue ID" />
                {(job.queueType ?? queue?.queueType) && (
                  <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                    {job.queueType ?? queue?.queueType}
                  </span>
                )}
              </span>
            ) : null,
          ],
          [
            'Workflow',
            job.workflows.length ? (
              <ul key="w" className="flex flex-col gap-0.5">
                {job.workflows.map((w, i) => (
                  <li key={i} className="flex flex-wrap items-center gap-2">
                    {w.workflowName && <span>{w.workflowName}</span>}
                    <Copyable value={w.workflowId} label="workflow ID" />
                    {w.name && <span className="text-xs text-slate-500 dark:text-slate-400">node {w.name}</span>}
                    {w.runId && <span className="text-xs text-slate-500 dark:text-slate-400">run {w.runId}</span>}
                  </li>
                ))}
              </ul>
            ) : null,
          ],
          [
            'Created',
            <span key="c" className="flex flex-wrap gap-2">
              <Timestamp value={job.creationTime} />
              <span className="text-xs text-slate-500 dark:text-slate-400">
                (<RelativeTime value={job.creationTime} />)
              </span>
            </span>,
          ],
          ['Started', job.startTime ? <Timestamp key="s" value={job.startTime} /> : null],
          ['Ended', job.endTime ? <Timestamp key="e" value={job.endTime} /> : null],
          [
            job.endTime ? 'Duration' : 'Elapsed',
            job.startTime ? (
              <span key="d" className="tabular-nums">
                {job.endTime
                  ? formatElapsed(job.startTime, job.endTime)
                  : now
                    ? `${formatElapsed(job.startTime, null, now)} so far`
                    : '…'}
              </span>
            ) : null,
          ],
          [
            'Code',
            !failed && job.code ? (
              <span key="code" className="font-mono text-xs">
                {job.code}
              </span>
            ) : undefined,
          ],
          ['Message', !failed && job.message ? job.message : undefined],
        ]}
      />
    </Section>
  );
}

/** What the failure code means and what to do, from lib/ci/failure-catalog.ts. */
function FailureAdvice({ code }: { code: string | null }) {
  const advice = explainFailure(code);
  return (
    <FailureExplanation
      meaning={advice.meaning}
      action={advice.action}
      className="mt-2 space-y-1 border-t border-red-200 pt-2 text-xs dark:border-red-900"
      testId="failure-advice"
    />
  );
}
