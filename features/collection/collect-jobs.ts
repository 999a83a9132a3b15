/**
 * Every job matching a list query, page after page (100 at a time) through the same /api routes the
 * table uses — for the overview, failure triage and export, which need the whole set rather than
 * one page. Progress is reported after each page; an AbortSignal stops it between or during pages.
 * Works for one tag (NextToken) and for all tags (combined cursor) alike (features/jobs/api/jobs fetchJobs).
 */
import { abortReason } from '@/lib/abort';
import type { JobListItem } from '@/lib/ci/types';
import { ApiError } from '@/lib/fetch-json';
import { pageQuery } from '@/lib/jobs-search-params';

import { fetchJobs } from '../jobs/api/jobs';

/** Above this the collection stops and says so: the browser holds every job it collected. */
export const COLLECT_LIMIT = 20_000;
const PAGE_SIZE = 100;
/** The dashboard's rate limit answers 429; a long collection waits and goes on rather than failing. */
const RATE_LIMIT_WAIT_MS = 1_000;
const RATE_LIMIT_RETRIES = 10;

export interface CollectProgress {
  /** Jobs collected so far. */
  loaded: number;
  pages: number;
  /** True while CI says there are more pages: the total is at least `loaded`. */
  more: boolean;
}

export interface CollectResult {
  jobs: JobListItem[];
  /** False when the limit stopped the collection before the last page. */
  complete: boolean;
}

export interface CollectOptions {
  /** A validated list query (lib/jobs-search-params validateView), without a page token. */
  query: string;
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (progress: CollectProgress, jobs: readonly JobListItem[]) => void;
}

export async function collectJobs({
  query,
  limit = COLLECT_LIMIT,
  signal,
  onProgress,
}: CollectOptions): Promise<CollectResult> {
  const search = new URLSearchParams(query);
  search.set('size', String(PAGE_SIZE));
  const base = search.toString();
  const jobs: JobListItem[] = [];
  let token: string | undefined;
  let pages = 0;
  for (;;) {
    signal?.throwIfAborted();
    const page = await withRateLimitRetry(() => fetchJobs(pageQuery(base, token), signal), signal);
    pages += 1;
    for (const job of page.jobs) if (jobs.length < limit) jobs.push(job);
    token = page.nextToken || undefined;
    const capped = jobs.length >= limit && Boolean(token);
    onProgress?.({ loaded: jobs.length, pages, more: Boolean(token) }, jobs);
    if (!token) return { jobs, complete: true };
    if (capped) return { jobs, complete: false };
  }
}

async function withRateLimitRetry<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
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
