/**
 * One page of jobs, loaded once for everyone who asks: GET /api/jobs (one tag), GET /api/jobs/all
 * (every tag, merged) and the /jobs page's prefetch, which loads on the server what the browser's
 * `jobsQueryOptions(query)` would fetch, under the same query. Each takes the query without the
 * bucket (already chosen by server/api/bucket) and checks it by the GET /jobs schema first.
 */
import 'server-only';

import { parseListJobsQuery, type ListJobsParams, type ParseResult } from '@/lib/ci/params';
import type { AllTagsPage, JobPage } from '@/lib/ci/types';
import { allTagsAsJobPage, isAllTagsQuery } from '@/lib/jobs-search-params';
import { takeBucket } from '@/server/api/bucket';
import { denyWithoutSession } from '@/server/api/guard';
import { CursorError, listAllTags } from '@/server/ci/all-tags';
import { parseAllTagsQuery } from '@/server/ci/all-tags-params';
import type { BucketBackend } from '@/server/ci/backend';

const CI_ANSWERS = new WeakMap<JobPage, CiJobPage>();
type CiJobPage = JobPage & { source: 'ci' };

/**
 * One tag's page of CI's GET /jobs, named as CI's (`source: 'ci'`; the index's pages say `index`):
 * the same object for the same cached page, so its JSON is made once however many ask.
 */
export async function ciJobsPage(backend: BucketBackend, params: ListJobsParams): Promise<CiJobPage> {
  const page = await backend.client.listJobs(params);
  let tagged = CI_ANSWERS.get(page);
  if (!tagged) CI_ANSWERS.set(page, (tagged = { ...page, source: 'ci' }));
  return tagged;
}

/** GET /api/jobs with CI's own parameters only: one tag's page of CI's GET /jobs (the /jobs prefetch). */
export async function listJobsPage(backend: BucketBackend, query: URLSearchParams): Promise<ParseResult<JobPage>> {
  const parsed = parseListJobsQuery(query);
  if (!parsed.ok) return parsed;
  return { ok: true, value: await ciJobsPage(backend, parsed.value) };
}

/** GET /api/jobs/all: every tag's jobs merged by creation time, paged by the combined cursor. */
export async function listAllTagsPage(
  backend: BucketBackend,
  query: URLSearchParams,
): Promise<ParseResult<AllTagsPage>> {
  const parsed = parseAllTagsQuery(query);
  if (!parsed.ok) return parsed;
  try {
    // The cursor names its bucket: its NextTokens mean nothing in another one.
    const page = await listAllTags(backend.client, parsed.value.params, parsed.value.cursor, { scope: backend.bucket });
    return { ok: true, value: page };
  } catch (error) {
    if (error instanceof CursorError) return { ok: false, error: { field: 'cursor', message: error.message } };
    throw error;
  }
}

/**
 * The page a browser query (features/jobs/api/jobs `fetchJobs`: bucket, then one tag or all tags)
 * stands for, as that fetcher would receive it; null when the query would be refused (no session,
 * an unknown bucket, a bad value) — the browser then asks and shows why.
 */
export async function loadJobsQuery(query: string): Promise<JobPage | null> {
  if (await denyWithoutSession()) return null;
  const chosen = await takeBucket(new URLSearchParams(query));
  if (!chosen.ok) return null;
  if (!isAllTagsQuery(query)) {
    const page = await listJobsPage(chosen.backend, chosen.rest);
    return page.ok ? page.value : null;
  }
  const page = await listAllTagsPage(chosen.backend, chosen.rest);
  return page.ok ? allTagsAsJobPage(page.value) : null;
}
