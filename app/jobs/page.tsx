import { dehydrate, HydrationBoundary, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { createLoader } from 'nuqs/server';
import { Suspense } from 'react';

import { TableSkeleton } from '@/components/data-table/table-skeleton';
import { JobsBrowser } from '@/features/jobs/jobs-browser';
import { AppHeader } from '@/features/shell/app-header';
import { parseListJobsQuery } from '@/lib/ci/params';
import type { JobPage } from '@/lib/ci/types';
import {
  currentToken,
  isAllTagsQuery,
  jobsSearchParams,
  pageQuery,
  RANGE_PRESETS,
  validateView,
} from '@/lib/jobs-search-params';
import { firstValue } from '@/lib/search-value';
import { denyWithoutSession } from '@/server/api/guard';
import { loginRequired } from '@/server/auth/session';
import { listAllTags } from '@/server/ci/all-tags';
import { parseAllTagsQuery } from '@/server/ci/all-tags-params';
import { getBackend, getBucket } from '@/server/ci/backend';

export const dynamic = 'force-dynamic';

/**
 * The jobs list. The server renders the shell (header with the backend it uses); the view itself is
 * a client component that reads its state from the URL (lib/jobs-search-params) and its data from
 * /api/jobs, behind a skeleton shaped like the table.
 *
 * The page the URL names is fetched here too, and handed to the browser's query cache under the key
 * the browser would use (features/jobs/api/jobs): the first rows come with the HTML instead of after the
 * scripts have run and asked /api/jobs (P4a: about 1.3 s → about 0.5 s to 100 rows painted). When
 * that fails or takes long, the page renders as before and the browser asks, and shows any error.
 */
export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ mode, buckets }, prefetched, params] = await Promise.all([
    getBackend(),
    prefetchPage(searchParams),
    searchParams,
  ]);
  const names = buckets.map((b) => b.bucket);
  return (
    <>
      <AppHeader
        mode={mode}
        buckets={buckets.map(({ bucket, region }) => ({ bucket, region }))}
        bucket={firstValue(params.bucket)}
        signOut={loginRequired()}
      />
      <main className="mx-auto max-w-[100rem] px-4 py-3">
        <h1 className="sr-only">CI jobs</h1>
        <Suspense fallback={<TableSkeleton columns={9} label="Loading jobs" />}>
          <HydrationBoundary state={prefetched}>
            <JobsBrowser buckets={names} />
          </HydrationBoundary>
        </Suspense>
      </main>
    </>
  );
}

const loadView = createLoader(jobsSearchParams);
const PREFETCH_TIMEOUT_MS = 1500;

async function prefetchPage(
  searchParams: Promise<Record<string, string | string[] | undefined>>,
): Promise<DehydratedState | undefined> {
  try {
    if (await denyWithoutSession()) return undefined;
    const view = loadView(await searchParams);
    // A preset without its anchor is fixed by the browser first (jobs-browser): nothing to prefetch.
    if (RANGE_PRESETS.some((p) => p.value === view.range) && !view.from) return undefined;
    const { buckets } = await getBackend();
    const { query } = validateView(
      view,
      buckets.map((b) => b.bucket),
    );
    if (query === null) return undefined;
    // The browser's query key for this page (features/jobs/jobs-browser, features/jobs/api/jobs).
    const fullQuery = pageQuery(query, currentToken(view.tokens));
    const load = await pageLoader(fullQuery);
    if (!load) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const page = await Promise.race([
      load(),
      new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), PREFETCH_TIMEOUT_MS))),
    ]).finally(() => clearTimeout(timer));
    if (!page) return undefined;
    const queryClient = new QueryClient();
    // Through JSON, exactly as /api/jobs would have answered.
    queryClient.setQueryData(['jobs', fullQuery], JSON.parse(JSON.stringify(page)));
    return dehydrate(queryClient);
  } catch {
    return undefined;
  }
}

/** What /api/jobs (one tag) or /api/jobs/all (every tag) would answer for this page query, as a JobPage. */
async function pageLoader(fullQuery: string): Promise<(() => Promise<JobPage>) | null> {
  const search = new URLSearchParams(fullQuery);
  // The bucket is ours, not CI's: taken off before the strict GET /jobs rules, as the routes do.
  const bucket = search.get('bucket');
  search.delete('bucket');
  const { client, bucket: name } = await getBucket(bucket);
  if (!isAllTagsQuery(fullQuery)) {
    const parsed = parseListJobsQuery(search);
    return parsed.ok ? () => client.listJobs(parsed.value) : null;
  }
  const parsed = parseAllTagsQuery(search);
  if (!parsed.ok) return null;
  return async () => {
    const page = await listAllTags(client, parsed.value.params, parsed.value.cursor, { scope: name });
    return { jobs: page.jobs, nextToken: page.cursor };
  };
}
