'use client';

/** The failed jobs of one group, opened: the first FIRST_ROWS, then "Show all". */
import Link from 'next/link';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { useQueueNames } from '@/features/jobs/api/queues';
import { describeInput, jobSupportSummary } from '@/features/triage/support-summary';
import { withBucket } from '@/lib/bucket-param';
import type { JobListItem } from '@/lib/ci/types';
import { formatInstant, type TimeZoneChoice } from '@/lib/format';

const FIRST_ROWS = 50;
export const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

export function FailureJobsTable({
  id,
  jobs,
  zone,
  bucket,
}: {
  id: string;
  jobs: readonly JobListItem[];
  zone: TimeZoneChoice;
  bucket: string;
}) {
  const [all, setAll] = useState(false);
  const rows = all ? jobs : jobs.slice(0, FIRST_ROWS);
  return (
    <div id={id} className="mt-2 overflow-x-auto">
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
            <JobRow key={job.jobId} job={job} zone={zone} bucket={bucket} />
          ))}
        </tbody>
      </table>
      {!all && jobs.length > FIRST_ROWS && (
        <Button size="sm" variant="ghost" className="mt-1" onClick={() => setAll(true)}>
          Show all {jobs.length.toLocaleString('en-US')}
        </Button>
      )}
    </div>
  );
}

function JobRow({ job, zone, bucket }: { job: JobListItem; zone: TimeZoneChoice; bucket: string }) {
  const queueNames = useQueueNames();
  return (
    <tr data-testid="failure-job" data-job-id={job.jobId}>
      <td className="font-mono whitespace-nowrap">
        <Link className={linkClass} href={withBucket(`/jobs/${job.jobId}`, bucket)}>
          {job.jobId}
        </Link>
        <CopyButton value={job.jobId} label="job ID" className="ml-1 align-middle" />
      </td>
      <td>{job.tag}</td>
      <td className="max-w-64 font-mono break-all" title={describeInput(job)}>
        {job.input?.object ?? job.input?.url ?? '—'}
      </td>
      <td className="max-w-80">{job.message || '—'}</td>
      <td className="whitespace-nowrap tabular-nums">{formatInstant(job.creationTime, zone)}</td>
      <td>
        <CopyButton
          testId="copy-job-summary"
          label="support summary"
          value={() => jobSupportSummary(job, { origin: window.location.origin, bucket, queueNames })}
        >
          Copy summary
        </CopyButton>
      </td>
    </tr>
  );
}
