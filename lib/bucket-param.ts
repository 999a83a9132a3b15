/**
 * The `bucket` URL key every page and /api route takes: which configured bucket to show ('' = the
 * default, the first configured). Browser-safe; the server resolves the name (server/ci/backend.ts).
 * Every internal link and every /api request carries it, since page tokens, job IDs and queue IDs
 * mean something only in their own bucket.
 */
import { parseAsString } from 'nuqs/server';

export const bucketParser = parseAsString.withDefault('');

/** A bucket as the UI shows it: name and region, never a key. */
export interface BucketInfo {
  bucket: string;
  region: string;
}

/** `path` with `bucket=<name>` added to its query; unchanged for the default (''). */
export function withBucket(path: string, bucket: string): string {
  if (!bucket) return path;
  return `${path}${path.includes('?') ? '&' : '?'}bucket=${encodeURIComponent(bucket)}`;
}
