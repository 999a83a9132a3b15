import { redirect } from 'next/navigation';
import { Suspense } from 'react';

import { Skeleton } from '@/components/ui/skeleton';
import { defaultScopeHref } from '@/features/overview/links';
import { TriagePage } from '@/features/triage/triage-page';
import { bucketInfos } from '@/server/ci/backend';

export const dynamic = 'force-dynamic';

/** Failed jobs of the filters in the URL, grouped by CI error code and explained (features/overview). */
export default async function Triage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // No filter in the link: the defaults (every tag, last 24 h) go into the address first.
  const withDefaults = defaultScopeHref('/triage', await searchParams);
  if (withDefaults) redirect(withDefaults);
  const buckets = await bucketInfos();
  return (
    <main className="mx-auto max-w-[100rem] px-4 py-3">
      <Suspense fallback={<Skeleton className="h-40 w-full" />}>
        <TriagePage bucketNames={buckets.map((b) => b.bucket)} />
      </Suspense>
    </main>
  );
}
