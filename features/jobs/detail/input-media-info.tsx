'use client';

/**
 * Beside a job's output media info, its input's: found by one list request (the newest successful
 * MediaInfo job on the same input object, CI's exact `inputObject` filter), then read as the
 * detail reads any job (the same cache, so opening it costs nothing more). A link lists every
 * MediaInfo job on that input; when none succeeded the line says so rather than guessing.
 */
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';

import { cn, focusRing } from '@/components/ui/cn';
import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { jobQueryOptions } from '@/features/jobs/api/job';
import { fetchJobs } from '@/features/jobs/api/jobs';
import { withBucket } from '@/lib/bucket-param';
import type { MediaInfo } from '@/lib/ci/types';

import { mediaInfoJobsHref, mediaInfoLookupQuery, mediaSummary } from './media-summary';

const linkClass = cn('text-blue-700 underline-offset-2 hover:underline dark:text-blue-300', focusRing);

export function InputMediaInfo({ inputObject, output }: { inputObject: string; output: MediaInfo }) {
  const bucket = useCurrentBucket();
  const query = mediaInfoLookupQuery(inputObject, bucket);
  const lookup = useQuery({
    queryKey: ['jobs', query] as const,
    queryFn: ({ signal }) => fetchJobs(query, signal),
    staleTime: 60_000,
    retry: false,
  });
  const found = lookup.data?.jobs[0] ?? null;
  const probe = useQuery({ ...jobQueryOptions(found?.jobId ?? '', bucket), enabled: found !== null });
  const input = probe.data?.job.operation?.mediaInfo ?? null;

  const inputText = input
    ? mediaSummary(input)
    : lookup.isError
      ? `MediaInfo jobs could not be listed: ${lookup.error.message}`
      : lookup.isPending || (found && probe.isPending)
        ? 'looking for a MediaInfo job on this input…'
        : found
          ? probe.isError
            ? `MediaInfo job ${found.jobId} could not be read: ${probe.error.message}`
            : `MediaInfo job ${found.jobId} reported no media info`
          : 'no successful MediaInfo job on this input';

  return (
    <div
      data-testid="media-compare"
      className="mb-3 rounded border border-slate-200 bg-slate-50 p-2 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <dl className="grid grid-cols-[4rem_1fr] gap-x-3 gap-y-1">
        <dt className="text-slate-500 dark:text-slate-400">Input</dt>
        <dd data-testid="input-media-summary" aria-busy={lookup.isPending || probe.isFetching || undefined}>
          <span className={input ? 'font-mono' : 'text-slate-500 italic dark:text-slate-400'}>{inputText}</span>
          {input && found && (
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {' '}
              from MediaInfo job{' '}
              <Link className={cn(linkClass, 'font-mono')} href={withBucket(`/jobs/${found.jobId}`, bucket)}>
                {found.jobId}
              </Link>
            </span>
          )}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Output</dt>
        <dd className="font-mono" data-testid="output-media-summary">
          {mediaSummary(output)}
        </dd>
      </dl>
      <Link className={cn(linkClass, 'mt-1 inline-block text-xs')} href={mediaInfoJobsHref(inputObject, bucket)}>
        MediaInfo jobs on this input →
      </Link>
    </div>
  );
}
