import Link from 'next/link';

import { UnknownBucketNotice } from '@/features/buckets/unknown-bucket-notice';
import { JobDetailLoader } from '@/features/jobs/detail/job-detail-loader';
import { AppHeader } from '@/features/shell/app-header';
import { withBucket } from '@/lib/bucket-param';
import { firstValue } from '@/lib/search-value';
import { loginRequired } from '@/server/auth/session';
import { getBackend } from '@/server/ci/backend';

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
  const { mode, buckets } = await getBackend();
  const infos = buckets.map(({ bucket: name, region }) => ({ bucket: name, region }));
  const known = bucket === '' || infos.some((b) => b.bucket === bucket);
  return (
    <>
      <AppHeader mode={mode} buckets={infos} bucket={bucket} signOut={loginRequired()} />
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
          <UnknownBucketNotice bucket={bucket} buckets={infos} path={`/jobs/${encodeURIComponent(jobId)}`} />
        )}
      </main>
    </>
  );
}
