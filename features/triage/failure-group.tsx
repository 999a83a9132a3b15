'use client';

/**
 * One error code of failure triage: how many failed jobs have it, when the latest was, which tags,
 * queues and messages; what it means and what to do (the failure catalog, or an honest "not in
 * the catalog"); a support summary to copy; and, opened, the jobs themselves.
 */
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { FailureExplanation } from '@/features/jobs/failure-explanation';
import type { FailureGroup } from '@/features/overview/aggregate';
import { usePreferences } from '@/features/preferences/preferences';
import { explainFailure, KNOWN_FAILURE_CODES } from '@/lib/ci/failure-catalog';

import { FailureFacts, FailureHeadline } from './failure-group-facts';
import { FailureJobsTable, linkClass } from './failure-jobs-table';

/**
 * Open or closed; a link to this code (?code=) opens the group and scrolls to it, also when it
 * arrives after the first render.
 */
function useSelectedGroup(selected: boolean) {
  const [open, setOpen] = useState(selected);
  const ref = useRef<HTMLElement>(null);
  const [wasSelected, setWasSelected] = useState(selected);
  if (selected !== wasSelected) {
    setWasSelected(selected);
    if (selected) setOpen(true);
  }
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'start' });
  }, [selected]);
  return { open, setOpen, ref };
}

export function FailureGroupCard({
  group,
  scopeText,
  bucket = '',
  listHref,
  selected,
  onToggle,
}: {
  group: FailureGroup;
  scopeText: string;
  /** The bucket shown ('' = the default), carried by job links and summaries. */
  bucket?: string;
  listHref: string;
  selected: boolean;
  onToggle: (open: boolean) => void;
}) {
  const { timeZone } = usePreferences();
  const { open, setOpen, ref } = useSelectedGroup(selected);
  const known = KNOWN_FAILURE_CODES.includes(group.code);
  const advice = explainFailure(group.code);
  const label = group.code || '(no code)';
  const panelId = `failure-jobs-${group.code || 'none'}`;

  return (
    <section
      ref={ref}
      aria-label={`Failures with code ${label}`}
      data-testid="failure-group"
      data-code={group.code}
      data-count={group.count}
      className={cn(
        'scroll-mt-4 rounded-lg border p-3',
        selected
          ? 'border-red-400 ring-2 ring-red-300 dark:border-red-700 dark:ring-red-900'
          : 'border-slate-200 dark:border-slate-800',
      )}
    >
      <FailureHeadline
        group={group}
        label={label}
        known={known}
        retryable={advice.retryable}
        zone={timeZone}
        scopeText={scopeText}
        bucket={bucket}
      />
      <FailureExplanation
        meaning={
          known
            ? advice.meaning
            : `"${label}" is not in this dashboard's catalog of CI failure codes (built from CI's error reference), so there is no explanation to give.`
        }
        action={advice.action}
        className="mt-2 space-y-1 text-sm"
        testId="failure-explanation"
      />
      <FailureFacts group={group} />

      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
        <Button
          size="sm"
          variant="ghost"
          aria-expanded={open}
          aria-controls={panelId}
          data-testid="toggle-failure-jobs"
          onClick={() => {
            setOpen(!open);
            onToggle(!open);
          }}
        >
          {open
            ? '▾ Hide the jobs'
            : `▸ Show the ${group.count.toLocaleString('en-US')} job${group.count === 1 ? '' : 's'}`}
        </Button>
        <Link className={linkClass} href={listHref}>
          All failed jobs in the list
        </Link>
        <span className="text-slate-500 dark:text-slate-400">(CI cannot filter the list by code.)</span>
      </div>

      {open && <FailureJobsTable id={panelId} jobs={group.jobs} zone={timeZone} bucket={bucket} />}
    </section>
  );
}
