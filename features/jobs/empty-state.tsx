'use client';

import { Button } from '@/components/ui/button';
import { tagInfo } from '@/lib/ci/tags';
import { activeFilters, ALL_TAGS, type JobsView } from '@/lib/jobs-search-params';

/**
 * No jobs: say for which filters, and offer to clear them. Past page 1 an empty page is the end of
 * the list: CI can hand a token with a full last page that leads to nothing more.
 */
export function EmptyState({ view, onClear }: { view: JobsView; onClear: () => void }) {
  const filters = activeFilters(view);
  const tag = view.tag === ALL_TAGS ? '' : `${view.tag} `;
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-10 text-center text-sm" data-testid="empty-state">
      <p className="font-semibold">
        {view.tokens.length > 0
          ? `No more ${tag}jobs${filters.length ? ' match these filters' : ''}: the previous page was the last.`
          : `No ${tag}jobs${filters.length ? ' match these filters' : ''}.`}
      </p>
      <p className="text-slate-500 dark:text-slate-400">{tagInfo(view.tag)?.name}</p>
      {filters.length > 0 && (
        <>
          <ul className="flex flex-wrap justify-center gap-1">
            {filters.map((f) => (
              <li key={f.key} className="rounded bg-slate-100 px-2 py-0.5 text-xs dark:bg-slate-800">
                <span className="text-slate-500 dark:text-slate-400">{f.label}:</span>{' '}
                <span className="font-mono">{f.value}</span>
              </li>
            ))}
          </ul>
          <Button onClick={onClear}>Clear filters</Button>
        </>
      )}
    </div>
  );
}
