/**
 * Every job matching a list query, page after page (100 at a time) through the same /api routes the
 * table uses — for the overview, failure triage and export, which need the whole set rather than
 * one page. Progress is reported after each page; an AbortSignal stops it between or during pages.
 * Works for one tag (NextToken) and for all tags (combined cursor) alike (features/jobs/api/jobs fetchJobs).
 */
import type { JobListItem } from '@/lib/ci/types';

import { BROWSER_JOBS_LIMIT, fetchJobsPage } from '../jobs/api/job-pages';

const PAGE_SIZE = 100;

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
  limit = BROWSER_JOBS_LIMIT,
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
    const page = await fetchJobsPage(base, token, signal);
    pages += 1;
    for (const job of page.jobs) if (jobs.length < limit) jobs.push(job);
    token = page.nextToken || undefined;
    const capped = jobs.length >= limit && Boolean(token);
    onProgress?.({ loaded: jobs.length, pages, more: Boolean(token) }, jobs);
    if (!token) return { jobs, complete: true };
    if (capped) return { jobs, complete: false };
  }
}
