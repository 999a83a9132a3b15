import { getBackend } from '@/lib/ci/backend';
import { CiError } from '@/lib/ci/errors';
import { parseListJobsQuery } from '@/lib/ci/params';
import { TAGS } from '@/lib/ci/tags';
import type { JobPage } from '@/lib/ci/types';
import { formatElapsed, formatTimeWithOffset } from '@/lib/format';
import { StateBadge } from '@/components/jobs/state-badge';

export const dynamic = 'force-dynamic';

/**
 * The first jobs page: the newest jobs of one tag, rendered on the server. The full operator UI
 * (filters in the URL, paging, live progress, detail panels) replaces it in the jobs-browser issue.
 */
export default async function JobsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const query = new URLSearchParams();
  const tag = typeof sp.tag === 'string' ? sp.tag : 'Transcode';
  query.set('tag', tag);
  query.set('size', '20');
  const parsed = parseListJobsQuery(query);
  const { config } = await getBackend();

  let page: JobPage | null = null;
  let problem: string | null = null;
  if (!parsed.ok) {
    problem = `${parsed.error.field}: ${parsed.error.message}`;
  } else {
    try {
      page = await (await getBackend()).client.listJobs(parsed.value);
    } catch (error) {
      problem =
        error instanceof CiError
          ? `CI error ${error.code}: ${error.message}${error.requestId ? ` (RequestId ${error.requestId})` : ''}`
          : 'The jobs could not be loaded.';
    }
  }

  return (
    <main className="mx-auto max-w-7xl p-4">
      <header className="mb-3 flex flex-wrap items-baseline gap-3">
        <h1 className="text-lg font-semibold">CI jobs</h1>
        <span className="text-sm text-slate-500 dark:text-slate-400">
          {config.bucket} · {config.region}
        </span>
        {config.mode === 'emulator' && (
          <span role="status" className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
            Built-in CI emulator — demo data, no cloud credentials configured
          </span>
        )}
      </header>
      <nav aria-label="Tag" className="mb-3 flex flex-wrap gap-1 text-xs">
        {TAGS.map((t) => (
          <a
            key={t.code}
            href={`/jobs?tag=${t.code}`}
            title={t.name}
            aria-current={t.code === tag ? 'page' : undefined}
            className={`rounded border px-2 py-0.5 ${t.code === tag ? 'border-blue-600 bg-blue-600 text-white' : 'border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'}`}
          >
            {t.code}
          </a>
        ))}
      </nav>
      {problem && (
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {problem}
        </p>
      )}
      {page && (
        <table className="w-full border-collapse text-sm" data-testid="jobs-table">
          <thead>
            <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500 dark:border-slate-700">
              <th className="py-1 pr-3">Job ID</th>
              <th className="py-1 pr-3">State</th>
              <th className="py-1 pr-3">Progress</th>
              <th className="py-1 pr-3">Input object</th>
              <th className="py-1 pr-3">Queue</th>
              <th className="py-1 pr-3">Created</th>
              <th className="py-1 pr-3">Duration</th>
            </tr>
          </thead>
          <tbody>
            {page.jobs.map((job) => (
              <tr key={job.jobId} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-1 pr-3 font-mono text-xs">{job.jobId}</td>
                <td className="py-1 pr-3">
                  <StateBadge state={job.state} />
                </td>
                <td className="py-1 pr-3 tabular-nums">{job.progress === null ? '—' : `${job.progress}%`}</td>
                <td className="max-w-xs truncate py-1 pr-3" title={job.input?.object ?? ''}>
                  {job.input?.object ?? '—'}
                </td>
                <td className="py-1 pr-3 font-mono text-xs">{job.queueId ?? '—'}</td>
                <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{formatTimeWithOffset(job.creationTime)}</td>
                <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{formatElapsed(job.startTime, job.endTime)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.jobs.length === 0 && <p className="p-4 text-sm text-slate-500">No {tag} jobs.</p>}
      {page && (
        <p className="mt-2 text-xs text-slate-500">
          {page.jobs.length} loaded{page.nextToken ? ' · more available' : ''}
        </p>
      )}
    </main>
  );
}
