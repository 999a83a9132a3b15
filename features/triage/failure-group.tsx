'use client';

/**
 * One error code of failure triage: how many failed jobs have it, when the latest was, which tags,
 * queues and messages; what it means and what to do (the failure catalog, or an honest "not in
 * the catalog"); a support summary to copy; and, opened, the jobs themselves.
 */
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/ui/copy-button';
import { FailureExplanation } from '@/features/jobs/failure-explanation';
import type { FailureGroup } from '@/features/overview/aggregate';
import { usePreferences } from '@/features/preferences/preferences';
import { describeInput, groupSupportSummary, jobSupportSummary } from '@/features/triage/support-summary';
import { withBucket } from '@/lib/bucket-param';
import { explainFailure, KNOWN_FAILURE_CODES } from '@/lib/ci/failure-catalog';
import type { JobListItem } from '@/lib/ci/types';
import { formatInstant } from '@/lib/format';

import { CopyTextButton } from './copy-text-button';

const FIRST_ROWS = 50;
const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

export function FailureGroupCard({
  group,
  scopeText,
  bucket = '',
  listHref,
  selected,
  onToggle,
}: {
  group: FailureGroup;
  scopeText: string;
  /** The bucket shown ('' = the default), carried by job links and summaries. */
  bucket?: string;
  listHref: string;
  selected: boolean;
  onToggle: (open: boolean) => void;
}) {
  const { timeZone } = usePreferences();
  const [open, setOpen] = useState(selected);
  const [all, setAll] = useState(false);
  const ref = useRef<HTMLElement>(null);
  // A link to this code (?code=) opens the group, also when it arrives after the first render.
  const [wasSelected, setWasSelected] = useState(selected);
  if (selected !== wasSelected) {
    setWasSelected(selected);
    if (selected) setOpen(true);
  }
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'start' });
  }, [selected]);

  const known = KNOWN_FAILURE_CODES.includes(group.code);
  const advice = explainFailure(group.code);
  const label = group.code || '(no code)';
  const rows = all ? group.jobs : group.jobs.slice(0, FIRST_ROWS);
  const panelId = `failure-jobs-${group.code || 'none'}`;

  return (
    <section
      ref={ref}
      aria-label={`Failures with code ${label}`}
      data-testid="failure-group"
      data-code={group.code}
      data-count={group.count}
      className={cn(
        'scroll-mt-4 rounded-lg border p-3',
        selected
          ? 'border-red-400 ring-2 ring-red-300 dark:border-red-700 dark:ring-red-900'
          : 'border-slate-200 dark:border-slate-800',
      )}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h2 className="font-mono text-sm font-semibold" data-testid="failure-code">
          {label}
        </h2>
        <span className="text-sm tabular-nums">
          <span data-testid="failure-count">{group.count.toLocaleString('en-US')}</span> failed job
          {group.count === 1 ? '' : 's'} · {(group.share * 100).toFixed(group.share < 0.1 ? 1 : 0)}% of failures
        </span>
        {group.latest && (
          <span className="text-xs text-slate-600 dark:text-slate-300">
            latest {formatInstant(group.latest, timeZone)}
          </span>
        )}
        {known ? (
          advice.retryable ? (
            <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800">
              often passes on retry
            </Badge>
          ) : (
            <Badge>needs a fix before retrying</Badge>
          )
        ) : (
          <Badge className="bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
            not in the catalog
          </Badge>
        )}
        <span className="ml-auto">
          <CopyTextButton
            testId="copy-group-summary"
            text={() => groupSupportSummary(group, { origin: window.location.origin, scope: scopeText, bucket })}
          >
            Copy support summary
          </CopyTextButton>
        </span>
      </div>

      <FailureExplanation
        meaning={
          known
            ? advice.meaning
            : `"${label}" is not in this dashboard's catalog of CI failure codes (built from CI's error reference), so there is no explanation to give.`
        }
        action={advice.action}
        className="mt-2 space-y-1 text-sm"
        testId="failure-explanation"
      />

      <dl className="mt-2 grid gap-1 text-xs sm:grid-cols-[auto_1fr] sm:gap-x-3">
        <dt className="font-medium text-slate-600 dark:text-slate-300">Messages</dt>
        <dd>
          <ul>
            {group.messages.slice(0, 5).map(([message, n]) => (
              <li key={message}>
                <span className="tabular-nums">{n}×</span> {message || '—'}
              </li>
            ))}
            {group.messages.length > 5 && <li>… {group.messages.length - 5} more distinct messages</li>}
          </ul>
        </dd>
        <dt className="font-medium text-slate-600 dark:text-slate-300">Tags</dt>
        <dd data-testid="failure-tags">{group.tags.map(([t, n]) => `${t} ×${n}`).join(', ')}</dd>
        <dt className="font-medium text-slate-600 dark:text-slate-300">Queues</dt>
        <dd className="font-mono">{group.queues.map(([q, n]) => `${q} ×${n}`).join(', ')}</dd>
      </dl>

      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={open}
          aria-controls={panelId}
          data-testid="toggle-failure-jobs"
          onClick={() => {
            setOpen(!open);
            onToggle(!open);
          }}
        >
          {open
            ? '▾ Hide the jobs'
            : `▸ Show the ${group.count.toLocaleString('en-US')} job${group.count === 1 ? '' : 's'}`}
        </Button>
        <Link className={linkClass} href={listHref}>
          All failed jobs in the list
        </Link>
        <span className="text-slate-500 dark:text-slate-400">(CI cannot filter the list by code.)</span>
      </div>

      {open && (
        <div id={panelId} className="mt-2 overflow-x-auto">
          <table className="w-full border-collapse text-left text-xs [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-1 [&_td]:align-top dark:[&_td]:border-slate-800 [&_th]:px-2 [&_th]:font-medium">
            <thead>
              <tr>
                <th>Job ID</th>
                <th>Tag</th>
                <th>Input</th>
                <th>Message</th>
                <th>Created</th>
                <th>
                  <span className="sr-only">Support summary</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((job) => (
                <JobRow key={job.jobId} job={job} zone={timeZone} bucket={bucket} />
              ))}
            </tbody>
          </table>
          {!all && group.jobs.length > FIRST_ROWS && (
            <Button size="sm" variant="ghost" className="mt-1" onClick={() => setAll(true)}>
              Show all {group.jobs.length.toLocaleString('en-US')}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}

function JobRow({
  job,
  zone,
  bucket,
}: {
  job: JobListItem;
  zone: Parameters<typeof formatInstant>[1];
  bucket: string;
}) {
  return (
    <tr data-testid="failure-job" data-job-id={job.jobId}>
      <td className="whitespace-nowrap font-mono">
        <Link className={linkClass} href={withBucket(`/jobs/${job.jobId}`, bucket)}>
          {job.jobId}
        </Link>
        <CopyButton value={job.jobId} label="job ID" className="ml-1 align-middle" />
      </td>
      <td>{job.tag}</td>
      <td className="max-w-64 break-all font-mono" title={describeInput(job)}>
        {job.input?.object ?? job.input?.url ?? '—'}
      </td>
      <td className="max-w-80">{job.message || '—'}</td>
      <td className="whitespace-nowrap tabular-nums">{formatInstant(job.creationTime, zone)}</td>
      <td>
        <CopyTextButton
          testId="copy-job-summary"
          text={() => jobSupportSummary(job, { origin: window.location.origin, bucket })}
        >
          Copy summary
        </CopyTextButton>
      </td>
    </tr>
  );
}
