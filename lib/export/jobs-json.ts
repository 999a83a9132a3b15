/**
 * Jobs as JSON: one object, a small header then the jobs exactly as GET /api/jobs (or /api/jobs/all)
 * gave them — the JobListItem of lib/ci/types, nothing flattened, guarded or dropped:
 *
 *   { "exportedAt": "2026-11-25T18:30:12Z", "scope": "matching" | "list",
 *     "filters": { "tag": "Transcode", "states": "Failed", "orderByTime": "Desc", … },
 *     "count": 123, "complete": true, "jobs": [ { "jobId": "j…", … }, … ] }
 *
 * Filters use the API's parameter names (README, API); `tag: "all"` is every tag. Indented by two
 * spaces so a person can read it; the file is for tools and people alike.
 */
import type { JobListItem } from '@/lib/ci/types';

import { exportHeader, type JobsExportMeta } from './export-meta';

export interface JobsExportDocument extends ReturnType<typeof exportHeader> {
  jobs: readonly JobListItem[];
}

/**
 * The same document written in pieces, for a stream whose length is known only at its end: the
 * header without count and complete, then each job, then count and complete. JSON's keys have no
 * order, so a reader sees the document jobsToJson writes.
 */
export const jsonStream = {
  head(meta: Omit<JobsExportMeta, 'complete'>): string {
    const header: Partial<ReturnType<typeof exportHeader>> = exportHeader({ ...meta, complete: true }, 0);
    delete header.count;
    delete header.complete;
    return `${JSON.stringify(header, null, 2).slice(0, -2)},\n  "jobs": [`;
  },
  job(job: JobListItem, index: number): string {
    const body = JSON.stringify(job, null, 2).replace(/\n/g, '\n    ');
    return `${index === 0 ? '' : ','}\n    ${body}`;
  },
  tail(count: number, complete: boolean): string {
    return `${count === 0 ? '' : '\n  '}],\n  "count": ${count},\n  "complete": ${complete}\n}\n`;
  },
};

export function jobsToJson(jobs: readonly JobListItem[], meta: JobsExportMeta): string {
  const doc: JobsExportDocument = { ...exportHeader(meta, jobs.length), jobs };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
