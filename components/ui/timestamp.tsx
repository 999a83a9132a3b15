'use client';

import { usePreferences } from '@/features/preferences/preferences';
import { formatInstant, formatRelative, toMs, type TimeZoneChoice } from '@/lib/format';

import { useHydrated } from './use-hydrated';
import { useNow } from './use-now';

/**
 * The zone instants are shown in: "local" means the browser's zone, which the server (rendering the
 * list's first page) does not know, so until hydration is done it renders UTC — with its offset
 * shown, so it is never wrong — and the browser then re-renders in its own zone, without a
 * hydration mismatch. The one rule for every instant on screen (here and the table's cells).
 */
export function shownZone(choice: TimeZoneChoice, hydrated: boolean): TimeZoneChoice {
  return choice === 'local' && !hydrated ? 'utc' : choice;
}

function useZone() {
  const { timeZone } = usePreferences();
  return shownZone(timeZone, useHydrated());
}

/** An instant in the chosen time zone, with its offset. */
export function Timestamp({ value, className }: { value: string | null | undefined; className?: string }) {
  const timeZone = useZone();
  if (!value) return <span className={className}>—</span>;
  return (
    <time dateTime={value} className={className ?? 'tabular-nums'} title={value}>
      {formatInstant(value, timeZone)}
    </time>
  );
}

/** "3 min ago", with the absolute time (chosen zone, with offset) on hover. */
export function RelativeTime({ value, className }: { value: string | number | null | undefined; className?: string }) {
  const timeZone = useZone();
  const now = useNow();
  const ms = toMs(value ?? null);
  if (ms === null) return <span className={className}>—</span>;
  const absolute = formatInstant(ms, timeZone);
  return (
    <time dateTime={new Date(ms).toISOString()} title={absolute} className={className ?? 'tabular-nums'}>
      {now ? formatRelative(ms, Math.max(now, ms)) : absolute}
    </time>
  );
}
