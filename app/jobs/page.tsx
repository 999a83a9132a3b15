import { Suspense } from 'react';
import { AppHeader } from '@/components/app-header';
import { TableSkeleton } from '@/components/data-table/table-skeleton';
import { JobsBrowser } from '@/components/jobs/jobs-browser';
import { loginRequired } from '@/lib/auth/session';
import { getBackend } from '@/lib/ci/backend';

export const dynamic = 'force-dynamic';

/**
 * The jobs list. The server renders the shell (header with the backend it uses); the view itself is
 * a client component that reads its state from the URL (lib/jobs-search-params) and its data from
 * /api/jobs, behind a skeleton shaped like the table.
 */
export default async function JobsPage() {
  const { config } = await getBackend();
  return (
    <>
      <AppHeader mode={config.mode} bucket={config.bucket} region={config.region} signOut={loginRequired()} />
      <main className="mx-auto max-w-[100rem] px-4 py-3">
        <h1 className="sr-only">CI jobs</h1>
        <Suspense fallback={<TableSkeleton columns={9} label="Loading jobs" />}>
          <JobsBrowser />
        </Suspense>
      </main>
    </>
  );
}
