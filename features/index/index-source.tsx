'use client';

/**
 * Where a page's figures come from: "index, 3 s ago" (the age ticks on), or — when the index
 * cannot answer — a notice that the page collects from CI in this browser, as it does without one.
 */
import { useEffect, useState } from 'react';

import { describeIndexSource, type IndexMeta } from './index-api';

/** Re-renders every `ms` so an age stays true while the page is open. */
function useNow(ms = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

export function IndexSourceLabel({ meta, prefix }: { meta: Pick<IndexMeta, 'asOf' | 'index'>; prefix?: string }) {
  const now = useNow();
  return (
    <span
      data-testid="index-source"
      title={meta.asOf ? `The job index is current as of ${meta.asOf}` : undefined}
      className="text-xs text-slate-600 dark:text-slate-300"
    >
      {prefix ? `${prefix} · ` : ''}
      {describeIndexSource(meta, now)}
    </span>
  );
}

export function IndexFallbackNotice({ reason }: { reason: string }) {
  return (
    <p
      role="status"
      data-testid="index-fallback"
      className="rounded border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      {reason} These figures are collected from CI in this browser, page by page (at most 20,000 jobs).
    </p>
  );
}
