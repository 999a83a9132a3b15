/**
 * Where the bucket switcher goes: the same kind of page in the other bucket. Browser-safe.
 *
 * What belongs to the old bucket is dropped: the page tokens and page number, the open job, and the
 * queue, workflow and inventory-trigger IDs (IDs of that bucket's resources). The tag, states,
 * times, order, size, input object and sorting mean the same in any bucket and are kept. A job's
 * own page has no counterpart in another bucket, so it goes to that bucket's list; the list, the
 * overview and triage stay what they are.
 */
const OLD_BUCKET_ONLY = ['page', 'tokens', 'job', 'queue', 'workflow', 'trigger'];

export function bucketSwitchHref(pathname: string, search: URLSearchParams, bucket: string): string {
  if (pathname === '/jobs' || pathname === '/overview' || pathname === '/triage') {
    const next = new URLSearchParams([...search].filter(([k]) => !OLD_BUCKET_ONLY.includes(k) && k !== 'bucket'));
    next.set('bucket', bucket);
    return `${pathname}?${next.toString()}`;
  }
  if (pathname === '/jobs/lookup') {
    const next = new URLSearchParams();
    const ids = search.get('ids');
    if (ids) next.set('ids', ids);
    next.set('bucket', bucket);
    return `/jobs/lookup?${next.toString()}`;
  }
  return `/jobs?${new URLSearchParams({ bucket }).toString()}`;
}
