import { dehydrate, HydrationBoundary, QueryClient, type DehydratedState } from '@tanstack/react-query';
import Link from 'next/link';

import { PageTitle } from '@/components/ui/page-title';
import { UnknownBucketNotice } from '@/features/buckets/unknown-bucket-notice';
import { jobQueryOptions, type JobWithXml } from '@/features/jobs/api/job';
import { JobDetailLoader } from '@/features/jobs/detail/job-detail-loader';
import { withBucket } from '@/lib/bucket-param';
import { firstValue } from '@/lib/search-value';
import { bucketInfos, findBucket } from '@/server/ci/backend';
import { loadJob } from '@/server/jobs/job-page';

export const dynamic = 'force-dynamic';

/**
 * A deep link to one job (in `?bucket=`, default the first): the same detail as the list's drawer,
 * on its own page. The job is loaded here too (server/jobs/job-page, the function behind
 * /api/jobs/<id>) and handed to the browser's query cache under its own query options, so the
 * summary paints with the HTML instead of a skeleton until the scripts have run and asked (bench
 * P4d). When that fails or takes long the page renders the skeleton and the browser asks.
 */
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
      <PageTitle>{`Job ${jobId}`}</PageTitle>
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
        <HydrationBoundary state={await prefetchJob(jobId, bucket)}>
          <JobDetailLoader jobId={jobId} />
        </HydrationBoundary>
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

const PREFETCH_TIMEOUT_MS = 1500;

async function prefetchJob(jobId: string, bucket: string): Promise<DehydratedState | undefined> {
  const options = jobQueryOptions(jobId, bucket);
  const queryClient = new QueryClient();
  // A failed prefetch keeps nothing (prefetchQuery never throws): the browser then asks itself.
  await queryClient.prefetchQuery({
    ...options,
    retry: false,
    queryFn: async () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const found = await Promise.race([
        loadJob(jobId, bucket),
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PREFETCH_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      if (!found) throw new Error('not prefetched: refused, not there, or too slow');
      // Through JSON, exactly as /api/jobs/<id> would have answered.
      return JSON.parse(JSON.stringify(found)) as JobWithXml;
    },
  });
  return queryClient.getQueryData(options.queryKey) ? dehydrate(queryClient) : undefined;
}
