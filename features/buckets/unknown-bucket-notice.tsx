import Link from 'next/link';

import { withBucket, type BucketInfo } from '@/lib/bucket-param';

/** A link whose `?bucket=` names no configured bucket: say so, name the field, offer the real ones. */
export function UnknownBucketNotice({
  bucket,
  buckets,
  path = '/jobs',
}: {
  bucket: string;
  buckets: readonly BucketInfo[];
  path?: string;
}) {
  return (
    <div
      role="alert"
      data-testid="bucket-issue"
      className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <p className="font-semibold">
        Bucket{' '}
        <code className="rounded bg-amber-100 px-1 font-mono text-xs dark:bg-amber-900">
          {bucket.length > 80 ? `${bucket.slice(0, 77)}…` : bucket}
        </code>{' '}
        is not a bucket this dashboard shows
      </p>
      <p className="mt-1">Nothing was requested from CI. The link&apos;s bucket parameter must be one of:</p>
      <ul className="mt-2 flex flex-col gap-1">
        {buckets.map((b) => (
          <li key={b.bucket}>
            <Link
              href={withBucket(path, b.bucket)}
              className="font-mono text-xs text-blue-700 hover:underline dark:text-blue-300"
            >
              {b.bucket} · {b.region}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
