'use client';

/** "CI jobs" in the header: back to the list, in the bucket on screen (an unknown one is left behind: the page names it). */
import Link from 'next/link';

import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket, type BucketInfo } from '@/lib/bucket-param';

export function HomeLinkText({ href }: { href: string }) {
  return (
    <Link href={href} className="text-sm font-semibold">
      CI jobs
    </Link>
  );
}

export function HomeLink({ buckets }: { buckets: readonly BucketInfo[] }) {
  const bucket = useCurrentBucket();
  const known = buckets.some((b) => b.bucket === bucket) ? bucket : '';
  return <HomeLinkText href={withBucket('/jobs', known)} />;
}
