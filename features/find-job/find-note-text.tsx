'use client';

/** The find note's words and its link to the other scope (features/find-job/find-result-note). */
import Link from 'next/link';

import { cn, focusRing } from '@/components/ui/cn';

import type { FindLink } from './find-job';
import { rememberFind, type LastFind } from './last-find';

const linkClass = cn('text-blue-700 underline-offset-2 hover:underline dark:text-blue-300', focusRing);

export function FindNoteText({ last, shown, other }: { last: LastFind; shown: FindLink; other: FindLink | null }) {
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
