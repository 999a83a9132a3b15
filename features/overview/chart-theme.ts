'use client';

/**
 * Chart colours for the light and dark themes. SVG fills cannot use Tailwind's `dark:` classes,
 * so the charts read the theme from the `dark` class on <html> (features/preferences/theme-script sets it) and
 * follow it when it changes. State colours match the state badges (features/jobs/state-styles).
 */
import { useSyncExternalStore } from 'react';

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

export function useDarkTheme(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => document.documentElement.classList.contains('dark'),
    () => false,
  );
}

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  cursor: string;
  states: Record<string, string>;
  median: string;
  p90: string;
  failure: string;
}

const LIGHT: ChartPalette = {
  text: '#334155',
  muted: '#64748b',
  grid: '#e2e8f0',
  cursor: 'rgba(148, 163, 184, 0.18)',
  states: {
    Submitted: '#38bdf8',
    Running: '#2563eb',
    Success: '#10b981',
    Failed: '#dc2626',
    Pause: '#f59e0b',
    Cancel: '#94a3b8',
  },
  median: '#2563eb',
  p90: '#93c5fd',
  failure: '#dc2626',
};

const DARK: ChartPalette = {
  text: '#e2e8f0',
  muted: '#94a3b8',
  grid: '#334155',
  cursor: 'rgba(148, 163, 184, 0.15)',
  states: {
    Submitted: '#7dd3fc',
    Running: '#60a5fa',
    Success: '#34d399',
    Failed: '#f87171',
    Pause: '#fbbf24',
    Cancel: '#64748b',
  },
  median: '#60a5fa',
  p90: '#1e40af',
  failure: '#f87171',
};

export function useChartPalette(): ChartPalette {
  return useDarkTheme() ? DARK : LIGHT;
}

/** A colour for a state this build does not know. */
export const UNKNOWN_STATE_COLOUR = '#a855f7';
