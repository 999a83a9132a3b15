import { dehydrate, HydrationBoundary, QueryClient, type DehydratedState } from '@tanstack/react-query';
import { createLoader } from 'nuqs/server';
import { Suspense } from 'react';

import { TableSkeleton } from '@/components/data-table/table-skeleton';
import { PageTitle } from '@/components/ui/page-title';
import { jobsQueryOptions } from '@/features/jobs/api/jobs';
import { JobsBrowser } from '@/features/jobs/jobs-browser';
import type { JobPage } from '@/lib/ci/types';
import { currentToken, jobsSearchParams, pageQuery, RANGE_PRESETS, validateView } from '@/lib/jobs-search-params';
import { bucketInfos } from '@/server/ci/backend';
import { loadJobsQuery } from '@/server/jobs/list-page';

export const dynamic = 'force-dynamic';

/**
 * The jobs list. The view is a client component that reads its state from the URL
 * (lib/jobs-search-params) and its data from /api/jobs, behind a skeleton shaped like the table.
 *
 * The page the URL names is loaded here too, by the function behind /api/jobs and /api/jobs/all
 * (server/jobs/list-page), and handed to the browser's query cache under the browser's own query
 * options (features/jobs/api/jobs): the first rows come with the HTML instead of after the scripts
 * have run and asked /api/jobs (P4a: about 1.3 s → about 0.5 s to 100 rows painted). When that
 * fails or takes long, the page renders as before and the browser asks, and shows any error.
 *
 * Rows loaded within SHELL_WAIT_MS are part of the page's first HTML, in the document's flow. Behind
 * a Suspense boundary they would arrive as a hidden copy that React's inline script reveals no
 * sooner than 300 ms after the first paint (React 19.2 batches streamed reveals: `$RC` waits for
 * `$RT + 300`), and the scripts, fetched while the server waited, would run before the parser got
 * to the rows (bench P4a, traced: rows parsed only after the chunks evaluated, shown 100–560 ms
 * after they were parsed). A slower CI answer still streams: the frame and a skeleton first, the
 * rows when they come.
 */
export default async function JobsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const buckets = (await bucketInfos()).map((b) => b.bucket);
  const prefetch = searchParams.then((params) => prefetchPage(params, buckets));
  const early = await settledWithin(prefetch, SHELL_WAIT_MS);
  return (
    <main className="mx-auto max-w-[100rem] px-4 py-3">
      <h1 className="sr-only">CI jobs</h1>
      {early.settled ? (
        <PrefetchedJobs prefetched={early.value} buckets={buckets} />
      ) : (
        <Suspense
          fallback={
            <>
              <PageTitle>Jobs</PageTitle>
              <TableSkeleton columns={9} label="Loading jobs" />
            </>
          }
        >
          <StreamedJobs prefetch={prefetch} buckets={buckets} />
        </Suspense>
      )}
    </main>
  );
}

/**
 * How long the first HTML waits for the rows before it goes out with a skeleton instead. Streamed
 * rows show no sooner than 300 ms after the skeleton's first paint (React's reveal batching, above),
 * which itself comes 100–200 ms after the frame arrives: rows that come within about half a second
 * show sooner with the HTML; a slower answer is better announced by the skeleton.
 */
const SHELL_WAIT_MS = 500;

async function settledWithin<T>(
  promise: Promise<T>,
  ms: number,
): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then((value) => ({ settled: true as const, value })),
    new Promise<{ settled: false }>((resolve) => (timer = setTimeout(() => resolve({ settled: false }), ms))),
  ]).finally(() => clearTimeout(timer));
}

async function StreamedJobs({
  prefetch,
  buckets,
}: {
  prefetch: Promise<DehydratedState | undefined>;
  buckets: string[];
}) {
  return <PrefetchedJobs prefetched={await prefetch} buckets={buckets} />;
}

function PrefetchedJobs({ prefetched, buckets }: { prefetched: DehydratedState | undefined; buckets: string[] }) {
  return (
    <HydrationBoundary state={prefetched}>
      <JobsBrowser buckets={buckets} />
    </HydrationBoundary>
  );
}

const loadView = createLoader(jobsSearchParams);
const PREFETCH_TIMEOUT_MS = 1500;

async function prefetchPage(
  searchParams: Record<string, string | string[] | undefined>,
  buckets: readonly string[],
): Promise<DehydratedState | undefined> {
  const view = loadView(searchParams);
  // A preset without its anchor is fixed by the browser first (jobs-browser): nothing to prefetch.
  if (RANGE_PRESETS.some((p) => p.value === view.range) && !view.from) return undefined;
  const { query } = validateView(view, buckets);
  if (query === null) return undefined;
  // The browser's query for this page (features/jobs/jobs-browser).
  const options = jobsQueryOptions(pageQuery(query, currentToken(view.tokens)));
  const queryClient = new QueryClient();
  // A failed prefetch keeps nothing (prefetchQuery never throws): the browser then asks itself.
  await queryClient.prefetchQuery({
    ...options,
    queryFn: async () => {
      const loaded = await settledWithin(loadJobsQuery(options.queryKey[1]), PREFETCH_TIMEOUT_MS);
      const page = loaded.settled ? loaded.value : null;
      if (!page) throw new Error('not prefetched: refused, or too slow');
      // Through JSON, exactly as /api/jobs would have answered.
      return JSON.parse(JSON.stringify(page)) as JobPage;
    },
  });
  const page = queryClient.getQueryData(options.queryKey);
  if (!page) return undefined;
  return dehydrate(queryClient);
}
