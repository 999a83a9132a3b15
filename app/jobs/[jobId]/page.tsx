import Link from 'next/link';
import { AppHeader } from '@/components/app-header';
import { JobDetailLoader } from '@/components/jobs/detail/job-detail-loader';
import { loginRequired } from '@/lib/auth/session';
import { getBackend } from '@/lib/ci/backend';

export const dynamic = 'force-dynamic';

/** A deep link to one job: the same detail as the list's drawer, on its own page. */
export default async function JobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const { jobId } = await params;
  const { config } = await getBackend();
  return (
    <>
      <AppHeader mode={config.mode} bucket={config.bucket} region={config.region} signOut={loginRequired()} />
      <main className="mx-auto max-w-5xl px-4 py-3">
        <nav aria-label="Breadcrumb" className="mb-2 text-sm">
          <Link href="/jobs" className="text-blue-700 hover:underline dark:text-blue-300">
            ← All jobs
          </Link>
        </nav>
        <h1 className="mb-3 text-base font-semibold">
          Job <span className="font-mono">{jobId}</span>
        </h1>
        <JobDetailLoader jobId={jobId} />
      </main>
    </>
  );
}
