'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';

import { cn, focusRing } from '@/components/ui/cn';
import { classifyFind, findLinks, type FindLink } from '@/features/find-job/find-job';
import { useHealth } from '@/features/shell/health-api';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';
import { DEFAULT_TAG } from '@/lib/jobs-search-params';

import { rememberFind } from './last-find';

const choiceClass = cn(
  'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800',
  focusRing,
);

/**
 * One box to find any job: paste job IDs, a workflow or batch ID, or an input object key, press
 * Enter. It searches every tag: in one query of the job index when it answers, else CI's All tags
 * (the hint says which, and that CI matches input objects exactly); Alt+Enter or "Only <tag>"
 * keeps to the tag on screen. `/` focuses it from anywhere but a text field.
 */
export function FindJobBox() {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const input = useRef<HTMLInputElement>(null);
  const [value, setValue] = useState('');
  const [focused, setFocused] = useState(false);
  const { data: health } = useHealth();
  // A backfilling index may not hold the job yet: CI is asked until it is live.
  const index = health?.index?.state === 'live' || health?.index?.state === 'behind';

  useShortcuts({
    '/': () => {
      input.current?.focus();
      input.current?.select();
    },
  });

  // The tag on screen: the list's (its default when unset), or the overview's and triage's filter.
  const tag = search.get('tag') || (pathname === '/jobs' ? DEFAULT_TAG : null);
  const target = classifyFind(value);
  const links = findLinks(target, { tag, bucket: search.get('bucket') ?? '', index });

  const go = (link: FindLink, chosen: 'all' | 'here') => {
    if (!links) return;
    rememberFind({ text: value.trim(), all: links.all, here: links.here, chosen });
    input.current?.blur();
    setFocused(false);
    router.push(link.href);
  };

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        if (links) go(links.all, 'all');
      }}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setFocused(false);
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
        onKeyDown={(e) => {
          if (e.key === 'Enter' && e.altKey && links?.here) {
            e.preventDefault();
            go(links.here, 'here');
          }
        }}
        placeholder="Find a job…  (/)"
        aria-describedby="find-job-hint"
        autoComplete="off"
        spellCheck={false}
        className="w-56 rounded border border-slate-300 bg-white px-2 py-1 font-mono text-xs focus:outline-2 focus:outline-blue-600 dark:border-slate-700 dark:bg-slate-950"
      />
      <div
        id="find-job-hint"
        data-testid="find-job-hint"
        className={cn(
          'absolute top-full left-0 z-20 mt-1 w-96 max-w-[calc(100vw-2rem)] rounded border border-slate-200 bg-white px-2 py-1 text-xs text-slate-600 shadow dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300',
          !(value && focused) && 'sr-only',
        )}
      >
        {links ? (
          <>
            <p>
              {links.all.what}
              {links.here && <> — searches {links.all.scope}</>}
            </p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <button type="submit" className={choiceClass} data-testid="find-all">
                {links.here ? `Search ${links.all.scope}` : links.all.what} — Enter
              </button>
              {links.here && (
                <button
                  type="button"
                  className={choiceClass}
                  data-testid="find-here"
                  onClick={() => go(links.here!, 'here')}
                >
                  Only {tag} — Alt+Enter
                </button>
              )}
            </div>
          </>
        ) : (
          <p>Job IDs, an input object key, or a workflow ID</p>
        )}
      </div>
    </form>
  );
}
