import Link from 'next/link';

import { cn, focusRing } from '@/components/ui/cn';
import { STATE_ICONS, STATE_STYLES } from '@/features/jobs/state-styles';

const count = (n: number) => n.toLocaleString('en-US');

/**
 * One tile per state with its count (and one for all): each opens the jobs list with the same
 * filters and that state. While a collection runs the counts grow; `partial` says they are not final.
 */
export function StateTiles({
  counts,
  states,
  total,
  partial,
  href,
}: {
  counts: Readonly<Record<string, number>>;
  states: readonly string[];
  total: number;
  partial: boolean;
  href: (state?: string) => string;
}) {
  const tile = cn(
    'flex min-w-28 flex-col gap-1 rounded-lg px-3 py-2 ring-1 ring-inset transition-shadow hover:shadow',
    focusRing,
  );
  return (
    <ul aria-label="Jobs per state" className="flex flex-wrap gap-2" data-testid="state-tiles" data-partial={partial}>
      <li>
        <Link
          href={href()}
          data-testid="state-tile"
          data-state="All"
          data-count={total}
          className={cn(
            tile,
            'bg-white text-slate-900 ring-slate-300 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700',
          )}
        >
          <span className="text-xs font-medium">All jobs</span>
          <span className="text-2xl font-semibold tabular-nums" data-testid="state-count">
            {count(total)}
            {partial && <span className="text-sm font-normal"> +</span>}
          </span>
        </Link>
      </li>
      {states.map((state) => (
        <li key={state}>
          <Link
            href={href(state)}
            data-testid="state-tile"
            data-state={state}
            data-count={counts[state] ?? 0}
            aria-label={`${state}: ${count(counts[state] ?? 0)} jobs${partial ? ' so far' : ''} — open the list`}
            className={cn(
              tile,
              STATE_STYLES[state] ??
                'bg-purple-50 text-purple-900 ring-purple-300 dark:bg-purple-950 dark:text-purple-100 dark:ring-purple-800',
            )}
          >
            <span className="flex items-center gap-1 text-xs font-medium">
              <span aria-hidden>{STATE_ICONS[state] ?? '?'}</span>
              {state}
            </span>
            <span className="text-2xl font-semibold tabular-nums" data-testid="state-count">
              {count(counts[state] ?? 0)}
              {partial && <span className="text-sm font-normal"> +</span>}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
