'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useRef, useState } from 'react';

import { cn } from '@/components/ui/cn';
import { lazyPart, useLazyPart } from '@/components/ui/lazy-part';
import { useHealth } from '@/features/shell/health-api';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';
import { DEFAULT_TAG } from '@/lib/jobs-search-params';

import type { FindChoice } from './find-choices';
import type { FindLink } from './find-job';
import { preloadFindNote } from './find-result-note';
import { rememberFind } from './last-find';

// What the box offers for the text (classification, links, the choice buttons) loads when the box
// is first pointed at or focused, not with every page (bench P5); Enter before it arrives waits for it.
const choicesCode = lazyPart(() => import('./find-choices'));

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
  const [wanted, setWanted] = useState(false);
  const code = useLazyPart(choicesCode, wanted);
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
  const options = { tag, bucket: search.get('bucket') ?? '', index };
  const links = code?.choicesFor(value, options) ?? null;

  const go = (link: FindLink, chosen: 'all' | 'here', choice: FindChoice) => {
    rememberFind({ text: value.trim(), all: choice.all, here: choice.here, chosen });
    // The list it opens says where it searched: that note's code comes along now.
    preloadFindNote();
    input.current?.blur();
    setFocused(false);
    router.push(link.href);
  };
  // `here` falls back to every tag where the screen has no tag of its own (as Enter does).
  const choose = (chosen: 'all' | 'here') =>
    void choicesCode.load().then((m) => {
      const choice = m.choicesFor(value, options);
      if (!choice) return;
      if (chosen === 'here' && choice.here) go(choice.here, 'here', choice);
      else go(choice.all, 'all', choice);
    });

  return (
    <form
      role="search"
      className="relative"
      onSubmit={(e) => {
        e.preventDefault();
        choose('all');
      }}
      onFocus={() => {
        setFocused(true);
        setWanted(true);
      }}
      onPointerEnter={() => void choicesCode.load()}
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
          if (e.key === 'Enter' && e.altKey) {
            e.preventDefault();
            choose('here');
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
        {code && links ? (
          <code.FindChoices links={links} tag={tag} onHere={() => choose('here')} />
        ) : (
          <p>Job IDs, an input object key, or a workflow ID</p>
        )}
      </div>
    </form>
  );
}
