/**
 * One job, as GET /api/jobs/<id> answers it and as the /jobs/<id> page loads it on the server: CI's
 * copy with its XML (`source: 'ci'`), else the job index's when CI no longer has it, else null.
 * Declared once here so the page's prefetch is exactly what the browser's fetch would receive.
 */
import 'server-only';

import { JOB_ID } from '@/lib/ci/params';
import { takeBucket } from '@/server/api/bucket';
import { denyWithoutSession } from '@/server/api/guard';
import type { BucketBackend } from '@/server/ci/backend';
import { indexedJob } from '@/server/index/routes';

export async function findJob(backend: BucketBackend, jobId: string) {
  const found = await backend.client.getJob(jobId);
  if (found) return { ...found, source: 'ci' as const };
  return indexedJob(backend.bucket, jobId);
}

/**
 * The job a deep link names, in `bucket` ('' = the default), as the browser's `jobQueryOptions`
 * would receive it through JSON; null when the browser would be refused (no session, an unknown
 * bucket, a bad ID) or the job is not there — the browser then asks and shows why.
 */
export async function loadJob(jobId: string, bucket: string) {
  if (!JOB_ID.test(jobId) || (await denyWithoutSession())) return null;
  const chosen = await takeBucket(new URLSearchParams(bucket ? { bucket } : {}));
  if (!chosen.ok) return null;
  return findJob(chosen.backend, jobId);
}
