/**
 * Every job of a list in one answer: GET /api/jobs/export?format=ndjson streams the job index's
 * matches (one JobListItem a line, in the list's order), and this reads them as they arrive, so
 * "Load all" fills the table from one request instead of a hundred pages through CI.
 */
import type { JobListItem } from '@/lib/ci/types';
import { exportUrl } from '@/lib/export/export-meta';
import { ApiError, readApiError } from '@/lib/fetch-json';

export interface StreamEnd {
  /** Every matching job was read (false: `limit` stopped the reading). */
  complete: boolean;
}

/**
 * Reads the index's jobs for a validated list query, handing each chunk's jobs to `onJobs` as soon as
 * its lines are whole; stops (and drops the connection) after `limit` jobs. Rejects with an ApiError
 * when the server refuses or the answer is cut, or with the signal's reason when aborted.
 */
export async function streamIndexJobs(
  query: string,
  { signal, limit, onJobs }: { signal: AbortSignal; limit: number; onJobs: (jobs: JobListItem[]) => void },
): Promise<StreamEnd> {
  let response: Response;
  try {
    response = await fetch(exportUrl(query, 'ndjson'), {
      signal,
      headers: { accept: 'application/x-ndjson' },
      cache: 'no-store',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError('NetworkError', 'The dashboard server did not answer; check that it is running.', 0);
  }
  if (!response.ok || !response.body) throw await readApiError(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  let count = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (signal.aborted) throw error;
        throw new ApiError('StreamCut', `The server's answer stopped after ${count} jobs; try again.`, response.status);
      }
      if (chunk.done) break;
      const lines = (rest + chunk.value).split('\n');
      // The last piece is a line still arriving (or '' after a whole one).
      rest = lines.pop() ?? '';
      // One parse of the chunk's whole lines as an array: a chunk holds hundreds of jobs, and one
      // JSON.parse call for all of them is faster than one call per line.
      const whole = lines.filter(Boolean).slice(0, limit - count);
      if (whole.length) {
        const jobs = JSON.parse(`[${whole.join(',')}]`) as JobListItem[];
        count += jobs.length;
        onJobs(jobs);
      }
      if (count >= limit) return { complete: false };
    }
  } finally {
    // Ends the request too when we stop early (the limit, an abort, a bad line).
    void reader.cancel().catch(() => undefined);
  }
  if (rest)
    throw new ApiError('StreamCut', `The server's answer stopped inside a job after ${count}.`, response.status);
  return { complete: true };
}
