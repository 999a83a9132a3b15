import { expect, type APIRequestContext } from '@playwright/test';

import type { AllTagsPage, JobListItem } from '@/lib/ci/types';
import { toIsoSeconds } from '@/lib/format';

/**
 * Every job of every tag matching a query, page by page through GET /api/jobs/all: what the
 * emulator holds, fetched independently of the page under test (for the overview and triage specs).
 */
export async function allTagsJobs(request: APIRequestContext, query: string): Promise<JobListItem[]> {
  const jobs: JobListItem[] = [];
  let cursor: string | null = null;
  do {
    const res = await request.get(
      `/api/jobs/all?${query}&size=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(res.ok(), await res.text()).toBe(true);
    const page = (await res.json()) as AllTagsPage;
    jobs.push(...page.jobs);
    cursor = page.cursor;
  } while (cursor);
  return jobs;
}

/**
 * A window wholly in the past whose jobs have all finished: running jobs of the emulator are a few
 * hours old at most, so counts per state hold still while the test compares them.
 */
export function settledWindow(hoursAgo: number, spanHours: number): { from: string; to: string } {
  const to = Math.floor(Date.now() / 3_600_000) * 3_600_000 - hoursAgo * 3_600_000;
  return { from: toIsoSeconds(to - spanHours * 3_600_000), to: toIsoSeconds(to - 1000) };
}
