'use client';

import { Button } from '@/components/ui/button';
import type { JobsViewKey, ViewIssue } from '@/lib/jobs-search-params';

/** A link (or hand-edited URL) with values this page cannot use: say which and offer the fix. */
export function ViewIssues({
  issues,
  onRemove,
  onResetAll,
}: {
  issues: ViewIssue[];
  onRemove: (key: JobsViewKey) => void;
  onResetAll: () => void;
}) {
  return (
    <div
      role="alert"
      data-testid="view-issues"
      className="rounded border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <p className="font-semibold">
        This link has {issues.length === 1 ? 'a value' : 'values'} the jobs list cannot use
      </p>
      <p className="mt-1">Nothing was requested from CI. Fix or remove:</p>
      <ul className="mt-2 flex flex-col gap-2">
        {issues.map((issue) => (
          <li key={`${issue.key}:${issue.value}`} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{issue.label}</span>
            <code className="rounded bg-amber-100 px-1 font-mono text-xs dark:bg-amber-900">
              {issue.value.length > 80 ? `${issue.value.slice(0, 77)}…` : issue.value}
            </code>
            <span className="min-w-0 flex-1">{issue.message}</span>
            <Button size="sm" onClick={() => onRemove(issue.key)}>
              Remove {issue.label.toLowerCase()}
            </Button>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="ghost" className="mt-3" onClick={onResetAll}>
        Start over with the default view
      </Button>
    </div>
  );
}
