'use client';

/**
 * What the find box offers for what was typed (features/find-job/find-job-box): the search it runs
 * on Enter and, off the every-tag default, the same search in the tag on screen. Loaded when the box
 * is first pointed at or focused — most visits never type in it (bench P5).
 */
import { cn, focusRing } from '@/components/ui/cn';

import { classifyFind, findLinks, type FindLink, type FindOptions } from './find-job';

export type FindChoice = { all: FindLink; here: FindLink | null };

/** The links for the box's text, or null when there is nothing to search for. */
export function choicesFor(text: string, options: FindOptions): FindChoice | null {
  return findLinks(classifyFind(text), options);
}

const choiceClass = cn(
  'rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800',
  focusRing,
);

/** The hint's content with choices: Enter (the form's submit) searches `all`; the other button `here`. */
export function FindChoices({ links, tag, onHere }: { links: FindChoice; tag: string | null; onHere: () => void }) {
  return (
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
          <button type="button" className={choiceClass} data-testid="find-here" onClick={onHere}>
            Only {tag} — Alt+Enter
          </button>
        )}
      </div>
    </>
  );
}
