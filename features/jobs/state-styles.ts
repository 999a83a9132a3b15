/** Badge colours per job state: a data table, not conditionals in cells. */
export const STATE_STYLES: Record<string, string> = {
  Submitted: 'bg-sky-50 text-sky-800 ring-sky-300 dark:bg-sky-950 dark:text-sky-200 dark:ring-sky-800',
  Running: 'bg-blue-50 text-blue-800 ring-blue-300 dark:bg-blue-950 dark:text-blue-200 dark:ring-blue-800',
  Success:
    'bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800',
  Failed: 'bg-red-50 text-red-800 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800',
  Pause: 'bg-amber-50 text-amber-800 ring-amber-300 dark:bg-amber-950 dark:text-amber-200 dark:ring-amber-800',
  Cancel: 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-300 dark:ring-slate-600',
};

/** A small glyph per state, so the badge does not rely on colour alone. */
export const STATE_ICONS: Record<string, string> = {
  Submitted: '○',
  Running: '◔',
  Success: '✓',
  Failed: '✕',
  Pause: '‖',
  Cancel: '⊘',
};

/** States whose jobs still change: the list polls while one is shown. */
export const ACTIVE_STATES: ReadonlySet<string> = new Set(['Submitted', 'Running']);
