/**
 * Per-browser preferences, remembered in localStorage: the time zone timestamps are shown in, the
 * theme, the live-refresh interval and the hidden columns. A tiny external store so every component
 * reads the same value and updates together (and other tabs follow through the storage event).
 */
import { useSyncExternalStore } from 'react';

import { isTimeZoneChoice, type TimeZoneChoice } from '@/lib/format';

import { localStorageStore } from './local-storage-store';
import { PREFERENCES_KEY as STORAGE_KEY } from './theme-script';

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface Preferences {
  timeZone: TimeZoneChoice;
  theme: ThemeChoice;
  /** Live-refresh interval in seconds. */
  refreshSeconds: number;
  hiddenColumns: string[];
}

export const DEFAULT_PREFERENCES: Preferences = {
  timeZone: 'local',
  theme: 'system',
  refreshSeconds: 5,
  hiddenColumns: [],
};

export const REFRESH_CHOICES = [2, 5, 10, 30, 60] as const;

function sanitize(raw: unknown): Preferences {
  const p = (typeof raw === 'object' && raw !== null ? raw : {}) as Partial<Record<keyof Preferences, unknown>>;
  return {
    timeZone: isTimeZoneChoice(p.timeZone) ? p.timeZone : DEFAULT_PREFERENCES.timeZone,
    theme: p.theme === 'light' || p.theme === 'dark' || p.theme === 'system' ? p.theme : DEFAULT_PREFERENCES.theme,
    refreshSeconds:
      typeof p.refreshSeconds === 'number' && (REFRESH_CHOICES as readonly number[]).includes(p.refreshSeconds)
        ? p.refreshSeconds
        : DEFAULT_PREFERENCES.refreshSeconds,
    hiddenColumns: Array.isArray(p.hiddenColumns)
      ? p.hiddenColumns.filter((c): c is string => typeof c === 'string')
      : [],
  };
}

// A stored value that is not JSON, or not an object, gives the defaults (sanitize).
const store = localStorageStore(STORAGE_KEY, sanitize, DEFAULT_PREFERENCES);

export function setPreference<K extends keyof Preferences>(key: K, value: Preferences[K]) {
  // Where the browser keeps nothing (private mode), the preference lasts for this page.
  store.write({ ...store.read(), [key]: value }, { orForThisPage: true });
}

/** The preferences now, outside rendering (an effect right after hydration still renders the defaults). */
export function currentPreferences(): Preferences {
  return store.read();
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(store.subscribe, store.read, () => DEFAULT_PREFERENCES);
}

/** Applies a theme to <html>: the `dark` class (Tailwind's class strategy) and color-scheme. */
export function applyTheme(theme: ThemeChoice) {
  const dark = theme === 'dark' || (theme === 'system' && window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}
