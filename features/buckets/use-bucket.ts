'use client';

/** The bucket the current page shows (`?bucket=`, '' = the default), for fetchers and links. */
import { useQueryState } from 'nuqs';

import { bucketParser } from '@/lib/bucket-param';

export function useCurrentBucket(): string {
  const [bucket] = useQueryState('bucket', bucketParser);
  return bucket;
}
