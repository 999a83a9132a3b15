'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';

import { bucketSwitchHref } from '@/features/buckets/bucket-switch';
import { useCurrentBucket } from '@/features/buckets/use-bucket';
import type { BucketInfo } from '@/lib/bucket-param';

const label = (b: BucketInfo) => `${b.bucket} · ${b.region}`;

/** The bucket as plain text: the only one configured, or before the switcher has the URL. */
export function BucketLabel({ bucket }: { bucket: BucketInfo }) {
  return (
    <span data-testid="bucket-current" className="font-mono text-xs text-slate-600 dark:text-slate-300">
      {label(bucket)}
    </span>
  );
}

/**
 * Which bucket the page shows (`?bucket=`). With several configured, a select that opens the same
 * kind of page in the chosen bucket (features/buckets/bucket-switch.ts); with one, the plain name as before.
 */
export function BucketSwitcher({ buckets }: { buckets: readonly BucketInfo[] }) {
  const current = useCurrentBucket();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  if (buckets.length === 1) return <BucketLabel bucket={buckets[0]!} />;
  const known = current === '' || buckets.some((b) => b.bucket === current);
  const value = current === '' ? buckets[0]!.bucket : current;
  return (
    <>
      <label htmlFor="bucket-switcher" className="sr-only">
        Bucket
      </label>
      <select
        id="bucket-switcher"
        data-testid="bucket-switcher"
        value={value}
        title="Which bucket this page shows"
        onChange={(e) =>
          router.push(bucketSwitchHref(pathname, new URLSearchParams(search.toString()), e.target.value))
        }
        className="rounded border border-slate-300 bg-white px-1 py-0.5 font-mono text-xs text-slate-700 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-200"
      >
        {!known && (
          <option value={current} disabled>
            unknown bucket: {current.slice(0, 40)}
          </option>
        )}
        {buckets.map((b) => (
          <option key={b.bucket} value={b.bucket}>
            {label(b)}
          </option>
        ))}
      </select>
    </>
  );
}
