'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';

import { classifyFind, findHref } from '@/features/find-job/find-job';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';

/**
 * One box to find any job: paste job IDs, a workflow or batch ID, or an input object key, press
 * Enter. `/` focuses it from anywhere but a text field. Input objects match exactly in CI, which
 * the hint says, since a partial key silently finds nothing.
 */
export function FindJobBox() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');

  useShortcuts({
    '/': () => {
      input.current?.focus();
      input.current?.select();
    },
  });

  const currentTag = (pathname === '/jobs' && search.get('tag')) || 'Transcode';
  const target = classifyFind(value);
  const hint =
    target.kind === 'jobs'
      ? `Open ${target.ids.length === 1 ? 'this job' : `these ${target.ids.length} jobs`}`
      : target.kind === 'workflow'
        ? `${currentTag} jobs of this workflow`
        : target.kind === 'batch'
          ? `${currentTag} jobs of this batch job`
          : target.kind === 'inputObject'
            ? `${currentTag} jobs whose input is exactly this key (CI matches input objects exactly)`
            : 'Job IDs, an input object key (exact), or a workflow ID';

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        const href = findHref(target, currentTag, search.get('bucket') ?? '');
        if (href) router.push(href);
      }}
    >
      <label htmlFor="find-job" className="sr-only">
        Find a job
      </label>
      <input
        id="find-job"
        type="search"
        ref={input}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="Find a job…  (/)"
        aria-describedby="find-job-hint"
        autoComplete="off"
        spellCheck={false}
        className="w-56 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs focus:outline-2 focus:outline-blue-600 dark:border-slate-700 dark:bg-slate-950"
      />
      <p
        id="find-job-hint"
        data-testid="find-job-hint"
        className={`absolute left-0 top-full z-20 mt-1 w-96 max-w-[calc(100vw-2rem)] rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-600 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 ${value ? '' : 'sr-only'}`}
      >
        {hint} — Enter
      </p>
    </form>
  );
}
