/**
 * Saved views kept in this browser (login off: there is no user to keep them for on the server).
 * The same tiny external-store shape as lib/preferences: every reader updates together, and other
 * tabs follow through the storage event.
 */
import { useSyncExternalStore } from 'react';
import { removeView, sanitizeViews, upsertView, type SavedView, type ViewProblem } from '@/lib/saved-views';

export const LOCAL_VIEWS_KEY = 'ci-dashboard.saved-views';
const NONE: SavedView[] = [];

let current: SavedView[] | null = null;
const listeners = new Set<() => void>();

function read(): SavedView[] {
  if (current) return current;
  try {
    current = sanitizeViews(JSON.parse(window.localStorage.getItem(LOCAL_VIEWS_KEY) ?? '[]'));
  } catch {
    current = NONE;
  }
  return current;
}

function write(views: SavedView[]): ViewProblem | null {
  try {
    window.localStorage.setItem(LOCAL_VIEWS_KEY, JSON.stringify(views));
  } catch {
    return { field: 'body', message: 'This browser would not store the view (private mode or storage full).' };
  }
  current = views;
  for (const l of listeners) l();
  return null;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key !== LOCAL_VIEWS_KEY) return;
    current = null;
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useLocalViews(): SavedView[] {
  return useSyncExternalStore(subscribe, read, () => NONE);
}

export function saveLocalView(view: SavedView): ViewProblem | null {
  const next = upsertView(read(), view);
  return Array.isArray(next) ? write(next) : next;
}

export function removeLocalView(name: string): ViewProblem | null {
  return write(removeView(read(), name));
}
