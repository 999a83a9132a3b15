import { redirect } from 'next/navigation';
import { Suspense } from 'react';

import { Skeleton } from '@/components/ui/skeleton';
import { defaultScopeHref } from '@/features/overview/links';
import { OverviewPage } from '@/features/overview/overview-page';
import { bucketInfos } from '@/server/ci/backend';

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
  const buckets = await bucketInfos();
  return (
    <main className="mx-auto max-w-[100rem] px-4 py-3">
      <Suspense fallback={<Skeleton className="h-40 w-full" />}>
        <OverviewPage bucketNames={buckets.map((b) => b.bucket)} />
      </Suspense>
    </main>
  );
}
