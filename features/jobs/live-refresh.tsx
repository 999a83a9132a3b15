'use client';

import { Button } from '@/components/ui/button';
import { cn, fieldBox } from '@/components/ui/cn';
import { RelativeTime } from '@/components/ui/timestamp';
import { useNow } from '@/components/ui/use-now';
import { REFRESH_CHOICES, setPreference, usePreferences } from '@/features/preferences/preferences';

import type { LiveRefreshState } from './use-live-refresh';

const MODE_TEXT: Record<LiveRefreshState['mode'], string> = {
  polling: 'live',
  retrying: 'retrying',
  idle: 'window ended and every job shown is finished — not polling',
  paused: 'paused',
  hidden: 'paused while the tab is hidden',
  stopped: 'stopped',
};

/** "updated 12 s ago · live, next in 3 s", the interval and pause controls, and a manual refresh. */
export function LiveRefresh({
  state,
  updatedAt,
  fetching,
  paused,
  onPausedChange,
  onRefresh,
  hold,
}: {
  state: LiveRefreshState;
  updatedAt: number;
  fetching: boolean;
  paused: boolean;
  onPausedChange: (paused: boolean) => void;
  onRefresh: () => void;
  /** Why live refresh is held by the page (shown instead of the mode; Pause is then moot). */
  hold?: string;
}) {
  const { refreshSeconds } = usePreferences();
  const now = useNow();
  const inSeconds = state.nextAt && now ? Math.max(0, Math.ceil((state.nextAt - now) / 1000)) : null;
  // The clock reads 0 until hydrated: the server's HTML said "updated …", and a stale answer's refetch
  // on mount must not make the hydrating render say "updating…" (a text mismatch re-renders the page).
  const showFetching = fetching && now !== 0;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
      <span
        aria-hidden
        className={cn(
          'inline-block h-2 w-2 rounded-full',
          state.mode === 'polling'
            ? 'animate-pulse bg-emerald-500'
            : state.mode === 'retrying'
              ? 'bg-amber-500'
              : 'bg-slate-400',
        )}
      />
      <span data-testid="updated-at">
        {showFetching ? (
          'updating…'
        ) : updatedAt ? (
          <>
            updated <RelativeTime value={updatedAt} />
          </>
        ) : (
          'not loaded yet'
        )}
      </span>
      <span className="text-slate-500 dark:text-slate-400">
        · {hold ?? MODE_TEXT[state.mode]}
        {inSeconds !== null && !showFetching && `, next in ${inSeconds} s`}
      </span>
      <label className="flex items-center gap-1">
        <span className="sr-only">Refresh interval</span>
        <select
          className={cn(fieldBox, 'h-7 text-xs')}
          value={refreshSeconds}
          onChange={(e) => setPreference('refreshSeconds', Number(e.target.value))}
          aria-label="Refresh interval"
        >
          {REFRESH_CHOICES.map((s) => (
            <option key={s} value={s}>
              every {s} s
            </option>
          ))}
        </select>
      </label>
      <Button size="sm" onClick={() => onPausedChange(!paused)} aria-pressed={paused} disabled={Boolean(hold)}>
        {paused ? '▶ Resume' : '❚❚ Pause'}
      </Button>
      <Button size="sm" onClick={onRefresh} disabled={showFetching}>
        ↻ Refresh
      </Button>
    </div>
  );
}
