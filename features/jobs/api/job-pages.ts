/**
 * Walking a list page after page in the browser: "Load all" in the table and the whole-set
 * collections (overview, triage, export) share the page fetch and the limit.
 */
import { abortReason } from '@/lib/abort';
import type { JobPage } from '@/lib/ci/types';
import { ApiError } from '@/lib/fetch-json';
import { pageQuery } from '@/lib/jobs-search-params';

import { fetchJobs } from './jobs';

/** The most jobs the browser pages through for one list: it holds every one of them. */
export const BROWSER_JOBS_LIMIT = 20_000;

/** The dashboard's rate limit answers 429; a long walk waits and goes on rather than failing. */
const RATE_LIMIT_WAIT_MS = 1_000;
const RATE_LIMIT_RETRIES = 10;

/** The page of `query` after `token` (none: the first), waiting out the dashboard's 429s. */
export async function fetchJobsPage(query: string, token: string | undefined, signal?: AbortSignal): Promise<JobPage> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchJobs(pageQuery(query, token), signal);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 429 || attempt >= RATE_LIMIT_RETRIES) throw error;
      await sleep(RATE_LIMIT_WAIT_MS, signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(abortReason(signal));
      },
      { once: true },
    );
  });
}
