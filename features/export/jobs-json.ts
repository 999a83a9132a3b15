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

export function jobsToJson(jobs: readonly JobListItem[], meta: JobsExportMeta): string {
  const doc: JobsExportDocument = { ...exportHeader(meta, jobs.length), jobs };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
