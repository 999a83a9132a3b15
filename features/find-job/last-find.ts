/**
 * The find box's last search in this tab (sessionStorage), so the list it opened can say where it
 * searched and offer the tag the operator was on. Only the list keys it set are compared, so the
 * anchor a range adds (`from`) or a page turned later do not hide the note. Browser-only.
 */
import type { FindLink } from './find-job';

const KEY = 'ci-dashboard:last-find';

export interface LastFind {
  /** What was typed, as classified (the key or ID the note quotes). */
  text: string;
  all: FindLink;
  /** The same search in the tag that was on screen, or null when that was every tag. */
  here: FindLink | null;
  /** Which of the two the operator chose. */
  chosen: 'all' | 'here';
}

export function rememberFind(find: LastFind): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(find));
  } catch {
    // Storage off or full: the list simply shows no note.
  }
}

export function recallFind(): LastFind | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    const value = raw ? (JSON.parse(raw) as LastFind) : null;
    return value && typeof value.text === 'string' && value.all?.match ? value : null;
  } catch {
    return null;
  }
}

/** True when the address shows the results of `link` (its keys, whatever else was added). */
export function showsFind(link: FindLink, search: URLSearchParams): boolean {
  const keys = Object.entries(link.match);
  return keys.length > 0 && keys.every(([k, v]) => search.get(k) === v);
}
