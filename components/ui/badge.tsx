import type { ReactNode } from 'react';

/** A badge's colours when its caller gives none. */
export const BADGE_NEUTRAL =
  'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600';

/** A small label; its shape is app/globals.css .badge (shared with the jobs table's state badges). */
export function Badge({ className, children, title }: { className?: string; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge ${className ?? BADGE_NEUTRAL}`}>
      {children}
    </span>
  );
}
