import Link from 'next/link';

import { PageTitle } from '@/components/ui/page-title';
import { UnknownBucketNotice } from '@/features/buckets/unknown-bucket-notice';
import { classifyFind, MAX_LOOKUP_IDS } from '@/features/find-job/find-job';
import { StateBadge } from '@/features/jobs/state-badge';
import { withBucket } from '@/lib/bucket-param';
import { JOB_ID } from '@/lib/ci/params';
import type { Job } from '@/lib/ci/types';
import { firstValue } from '@/lib/search-value';
import { bucketInfos, findBucket } from '@/server/ci/backend';
import { CiError } from '@/server/ci/errors';

export const dynamic = 'force-dynamic';

/** Several jobs by ID (from the find box), in `?bucket=`: CI calls of at most 10 IDs each, and which were not found. */
export default async function LookupPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const raw = query.ids;
  const bucket = firstValue(query.bucket);
  const target = classifyFind(typeof raw === 'string' ? raw : '');
  const chosen = await findBucket(bucket);
  let jobs: Job[] = [];
  let missing: string[] = [];
  let problem: string | null = null;
  if (!chosen) {
    // The notice below says it; nothing is asked.
  } else if (target.kind !== 'jobs' || !target.ids.every((id) => JOB_ID.test(id))) {
    problem = `ids must be job IDs (j, a or c and 32 hex digits), separated by commas; at most ${MAX_LOOKUP_IDS}.`;
  } else {
    try {
      // The client splits the IDs into calls of at most 10 (CI's limit) and reads 404s as "not found".
      const found = await chosen.client.getJobs(target.ids);
      jobs = found.jobs;
      missing = target.ids.filter((id) => !jobs.some((j) => j.jobId === id));
    } catch (error) {
      problem =
        error instanceof CiError ? `CI error ${error.code}: ${error.message}` : 'The jobs could not be looked up.';
    }
  }
  return (
    <main className="mx-auto max-w-5xl px-4 py-3 text-sm">
      <PageTitle>Jobs by ID</PageTitle>
      <h1 className="mb-3 text-base font-semibold">Jobs by ID</h1>
      {!chosen && (
        <UnknownBucketNotice
          bucket={bucket}
          buckets={await bucketInfos()}
          path={`/jobs/lookup?${new URLSearchParams({ ids: typeof raw === 'string' ? raw : '' })}`}
        />
      )}
      {problem && (
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {problem}
        </p>
      )}
      {jobs.length > 0 && (
        <table className="w-full border-collapse" data-testid="lookup-found">
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs uppercase text-slate-500 dark:border-slate-700 dark:text-slate-400">
              <th className="py-1 pr-3">Job ID</th>
              <th className="py-1 pr-3">Tag</th>
              <th className="py-1 pr-3">State</th>
              <th className="py-1 pr-3">Input object</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.jobId} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-3 font-mono text-xs">
                  <Link
                    href={withBucket(`/jobs/${job.jobId}`, bucket)}
                    className="text-blue-700 hover:underline dark:text-blue-300"
                  >
                    {job.jobId}
                  </Link>
                </td>
                <td className="py-1 pr-3">{job.tag}</td>
                <td className="py-1 pr-3">
                  <StateBadge state={job.state} />
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{job.input?.object ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {missing.length > 0 && (
        <p
          data-testid="lookup-missing"
          className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          Not found in bucket {chosen?.bucket}: <span className="font-mono text-xs">{missing.join(', ')}</span>
        </p>
      )}
    </main>
  );
}
