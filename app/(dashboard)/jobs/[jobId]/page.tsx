import Link from 'next/link';

import { UnknownBucketNotice } from '@/features/buckets/unknown-bucket-notice';
import { JobDetailLoader } from '@/features/jobs/detail/job-detail-loader';
import { withBucket } from '@/lib/bucket-param';
import { firstValue } from '@/lib/search-value';
import { bucketInfos, findBucket } from '@/server/ci/backend';

export const dynamic = 'force-dynamic';

/** A deep link to one job (in `?bucket=`, default the first): the same detail as the list's drawer, on its own page. */
export default async function JobPage({
  params,
  searchParams,
}: {
  params: Promise<{ jobId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { jobId } = await params;
  const bucket = firstValue((await searchParams).bucket);
  const known = (await findBucket(bucket)) !== undefined;
  return (
    <main className="mx-auto max-w-5xl px-4 py-3">
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link
          href={withBucket('/jobs', known ? bucket : '')}
          className="text-blue-700 hover:underline dark:text-blue-300"
        >
          ← All jobs
        </Link>
      </nav>
      <h1 className="mb-3 text-base font-semibold">
        Job <span className="font-mono">{jobId}</span>
      </h1>
      {known ? (
        <JobDetailLoader jobId={jobId} />
      ) : (
        <UnknownBucketNotice
          bucket={bucket}
          buckets={await bucketInfos()}
          path={`/jobs/${encodeURIComponent(jobId)}`}
        />
      )}
    </main>
  );
}
