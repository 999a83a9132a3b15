'use client';

/**
 * On the list the find box opened: where it searched ("all tags · index", "all tags · CI, last 30
 * days") and for what, with the other choice one click away — only the tag the operator was on, or
 * back to every tag. Shown while the address holds that search (lib keys compared, see last-find).
 */
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';

import { cn, focusRing } from '@/components/ui/cn';
import { useHydrated } from '@/components/ui/use-hydrated';

import { recallFind, rememberFind, showsFind } from './last-find';

const linkClass = cn('text-blue-700 underline-offset-2 hover:underline dark:text-blue-300', focusRing);

export function FindResultNote() {
  const search = useSearchParams();
  // sessionStorage exists only in the browser: nothing until hydrated, so server and client agree.
  const last = useHydrated() ? recallFind() : null;
  if (!last) return null;
  const shown = last.chosen === 'here' && last.here ? last.here : last.all;
  if (!showsFind(shown, search)) return null;
  const other = last.chosen === 'here' ? last.all : last.here;
  return (
    <p
      role="status"
      data-testid="find-result-note"
      className="rounded border border-blue-200 bg-blue-50 px-2 py-1 text-xs text-slate-700 dark:border-blue-900 dark:bg-blue-950/50 dark:text-slate-200"
    >
      Found by the find box in <strong data-testid="find-scope">{shown.scope}</strong>:{' '}
      {shown.what[0]!.toLowerCase() + shown.what.slice(1)} — <span className="font-mono break-all">{last.text}</span>.
      {other && (
        <>
          {' '}
          <Link
            className={linkClass}
            href={other.href}
            data-testid="find-other-scope"
            onClick={() => rememberFind({ ...last, chosen: last.chosen === 'here' ? 'all' : 'here' })}
          >
            {last.chosen === 'here' ? `Search ${other.scope}` : `Only ${other.match.tag} (${other.scope})`}
          </Link>
        </>
      )}
    </p>
  );
}
