import { clsx, type ClassValue } from 'clsx';

/**
 * Joins class names (clsx: strings, arrays, `{ class: condition }`). Nothing resolves conflicts:
 * two classes of one property (`h-7` and `h-8`) both apply and the stylesheet's order picks, so a
 * component's defaults never set what its callers change — the kit composes its pieces instead
 * (fieldBox + a size, menuItemBase + colours). tailwind-merge did this at run time for 9 KiB gz of
 * every page's JavaScript (bench P5).
 */
export function cn(...parts: ClassValue[]): string {
  return clsx(parts);
}

/** The focus ring every interactive element shares. */
export const focusRing =
  'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 focus-visible:ring-offset-1 focus-visible:ring-offset-white dark:focus-visible:ring-offset-slate-900';

/** Shared look of text inputs and selects, without their height and text size. */
export const fieldBox = cn(
  'rounded border border-slate-300 bg-white px-2 text-slate-900 placeholder:text-slate-400',
  'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-500',
  focusRing,
);

/** A text input or select of the usual size. */
export const fieldClass = cn(fieldBox, 'h-8 text-sm');
