/**
 * The job index's parameter rules the browser needs too (the list's code filter and "contains"
 * box, its cursor): plain constants, kept apart from lib/index-params so a page that checks a value
 * does not pull the server's zod schema into its bundle.
 */

/** The index's keyset position: `<creation ms>.<job ID>` of the last job of the previous page. */
export const INDEX_CURSOR = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/;
export const CODE_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;
export const MAX_CODES = 50;
export const Q_MIN = 3;
export const Q_MAX = 200;

/** Why a `code` value (comma-separated error codes) is refused, or null when it is good. */
export function codeError(value: string): string | null {
  const codes = [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
  const bad = codes.find((c) => !CODE_PATTERN.test(c));
  if (codes.length === 0 || codes.length > MAX_CODES || bad !== undefined) {
    return `code must be a comma-separated list of up to ${MAX_CODES} error codes (letters, digits, "_", "-", ".", ":")${bad !== undefined ? `; "${bad.slice(0, 40)}" is not one` : ''}`;
  }
  return null;
}

/** Why a `q` value ("contains") is refused, or null when it is good. */
export function qError(value: string): string | null {
  if (value.length < Q_MIN) return `q must be at least ${Q_MIN} characters (a part of an object key or of a message)`;
  if (value.length > Q_MAX) return `q must be at most ${Q_MAX} characters`;
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'q must not contain control characters';
  return null;
}
