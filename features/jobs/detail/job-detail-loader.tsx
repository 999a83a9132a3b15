'use client';

/** Loads one job from /api/jobs/<id> and shows it, a skeleton, a clear not-found, or the error. */
import { Button } from '@/components/ui/button';
import { useJob } from '@/features/jobs/api/job';
import { ApiError } from '@/lib/fetch-json';

import { JobsError } from '../jobs-error';
import { DetailSkeleton } from './detail-skeleton';
import { JobDetail } from './job-detail';

export function JobDetailLoader({ jobId }: { jobId: string }) {
  const result = useJob(jobId);
  if (result.isPending) return <DetailSkeleton />;
  if (!result.data) {
    const e = result.error;
    if (e instanceof ApiError && (e.status === 404 || (e.status === 400 && e.field === 'jobId'))) {
      return (
        <div
          role="alert"
          data-testid="job-not-found"
          className="rounded border border-slate-300 p-6 text-center dark:border-slate-700"
        >
          <p className="text-base font-semibold">Job not found</p>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
            {e.status === 404 ? (
              <>
                No job with ID <code className="font-mono">{jobId}</code> exists in this bucket. It may belong to
                another bucket or region, or the ID may be mistyped.
              </>
            ) : (
              <>
                <code className="font-mono">{jobId}</code> is not a valid job ID: {e.message}
              </>
            )}
          </p>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {e.code}
            {e.requestId && ` · request ${e.requestId}`}
          </p>
        </div>
      );
    }
    return <JobsError error={e} retryAt={null} onRetry={() => void result.refetch()} />;
  }
  return (
    <>
      {result.isError && (
        <div className="mb-2 flex items-center gap-2 text-xs text-amber-800 dark:text-amber-200">
          Refreshing failed ({result.error instanceof ApiError ? result.error.code : 'error'}); showing the last answer.
          <Button size="sm" onClick={() => void result.refetch()}>
            Retry
          </Button>
        </div>
      )}
      <JobDetail job={result.data.job} xml={result.data.xml} />
    </>
  );
}
