'use client';

import { cn } from '@/components/ui/cn';
import { indexStatusText, useHealth } from '@/features/shell/health-api';
import { ApiError } from '@/lib/fetch-json';

/** Whether CI (or the emulator) answers, from GET /api/health, refreshed every minute. */
export function HealthStatus() {
  const { data, isError, error } = useHealth();
  if (!data && !isError) return null;
  const ok = data?.upstream.reachable && !data.upstream.error;
  const text = isError
    ? error instanceof ApiError && error.field === 'bucket'
      ? 'unknown bucket'
      : 'dashboard server unreachable'
    : ok
      ? `answers in ${data.upstream.latencyMs} ms`
      : data.upstream.error
        ? `${data.upstream.error.code}: ${data.upstream.error.message}`
        : 'not reachable';
  return (
    <span
      className="inline-flex items-center gap-1 text-xs text-slate-600 dark:text-slate-300"
      data-testid="health-status"
      title="GET /api/health"
    >
      <span aria-hidden className={cn('inline-block h-2 w-2 rounded-full', ok ? 'bg-emerald-500' : 'bg-red-500')} />
      {text}
    </span>
  );
}

/** The job index's state when it is not simply live: "indexing 42 %…", "index behind". */
export function IndexStatus() {
  const { data } = useHealth();
  const text = indexStatusText(data?.index);
  if (!text) return null;
  return (
    <span
      role="status"
      className="text-xs text-amber-700 dark:text-amber-300"
      data-testid="index-status"
      data-state={data?.index?.state}
      title={
        data?.index?.error ??
        'The job index (GET /api/health): counts, code filters and exports come from it once it is live'
      }
    >
      {text}
    </span>
  );
}
