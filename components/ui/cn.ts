import { clsx, type ClassValue } from 'clsx';
import { twMerge } from 'tailwind-merge';

/**
 * Joins class names (clsx: strings, arrays, `{ class: condition }`), then lets a later Tailwind
 * class win over an earlier one of the same property (tailwind-merge), so a caller's `className`
 * can override a component's default (`h-7` after `h-8` gives `h-7`, not both).
 */
export function cn(...parts: ClassValue[]): string {
  return twMerge(clsx(parts));
}

/** The focus ring every interactive element shares. */
export const focusRing =
  'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-1 focus-visible:ring-offset-white dark:focus-visible:ring-offset-slate-900';

/** Shared look of text inputs and selects. */
export const fieldClass = cn(
  'h-8 rounded border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-400',
  'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500',
  focusRing,
);
