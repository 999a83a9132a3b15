'use client';
import { formatInstant, formatRelative, toMs } from '@/lib/format';
import { usePreferences } from '@/lib/preferences';
import { useNow } from './use-now';

/** An instant in the chosen time zone, with its offset. */
export function Timestamp({ value, className }: { value: string | null | undefined; className?: string }) {
  const { timeZone } = usePreferences();
  if (!value) return <span className={className}>—</span>;
  return (
    <time dateTime={value} className={className ?? 'tabular-nums'} title={value}>
      {formatInstant(value, timeZone)}
    </time>
  );
}

/** "3 min ago", with the absolute time (chosen zone, with offset) on hover. */
export function RelativeTime({ value, className }: { value: string | number | null | undefined; className?: string }) {
  const { timeZone } = usePreferences();
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
