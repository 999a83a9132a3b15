import { redirect } from 'next/navigation';
import { Suspense } from 'react';

import { Skeleton } from '@/components/ui/skeleton';
import { defaultScopeHref } from '@/features/overview/links';
import { OverviewPage } from '@/features/overview/overview-page';
import { AppHeader } from '@/features/shell/app-header';
import { firstValue } from '@/lib/search-value';
import { loginRequired } from '@/server/auth/session';
import { getBackend } from '@/server/ci/backend';

export const dynamic = 'force-dynamic';

/**
 * Counts and charts of every job matching the filters in the URL (the /jobs keys). The server
 * renders the shell; the browser collects the jobs through /api (features/overview).
 */
export default async function Overview({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // No filter in the link: the defaults (every tag, last 24 h) go into the address first.
  const withDefaults = defaultScopeHref('/overview', await searchParams);
  if (withDefaults) redirect(withDefaults);
  const { mode, buckets } = await getBackend();
  const bucket = firstValue((await searchParams).bucket);
  return (
    <>
      <AppHeader
        mode={mode}
        buckets={buckets.map(({ bucket, region }) => ({ bucket, region }))}
        bucket={bucket}
        signOut={loginRequired()}
        current="overview"
      />
      <main className="mx-auto max-w-[100rem] px-4 py-3">
        <Suspense fallback={<Skeleton className="h-40 w-full" />}>
          <OverviewPage bucketNames={buckets.map((b) => b.bucket)} />
        </Suspense>
      </main>
    </>
  );
}
