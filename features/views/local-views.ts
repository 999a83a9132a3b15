/**
 * Saved views kept in this browser (login off: there is no user to keep them for on the server).
 * The same tiny external-store shape as features/preferences/preferences: every reader updates together, and other
 * tabs follow through the storage event.
 */
import { useSyncExternalStore } from 'react';

import { localStorageStore } from '@/features/preferences/local-storage-store';
import { removeView, sanitizeViews, upsertView, type SavedView, type ViewProblem } from '@/lib/saved-views';

export const LOCAL_VIEWS_KEY = 'ci-dashboard.saved-views';
const NONE: SavedView[] = [];

const store = localStorageStore(LOCAL_VIEWS_KEY, (raw) => (raw === undefined ? NONE : sanitizeViews(raw)), NONE);

function write(views: SavedView[]): ViewProblem | null {
  return store.write(views)
    ? null
    : { field: 'body', message: 'This browser would not store the view (private mode or storage full).' };
}

export function useLocalViews(): SavedView[] {
  return useSyncExternalStore(store.subscribe, store.read, () => NONE);
}

export function saveLocalView(view: SavedView): ViewProblem | null {
  const next = upsertView(store.read(), view);
  return Array.isArray(next) ? write(next) : next;
}

export function removeLocalView(name: string): ViewProblem | null {
  return write(removeView(store.read(), name));
}
