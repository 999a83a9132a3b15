import { useSyncExternalStore } from 'react';

/** Narrower than Tailwind's `md` (48rem): the phone layout (filters folded, jobs as cards). */
export const NARROW = '(width < 48rem)';

/**
 * Whether a media query matches, following it as the window resizes or turns. Null on the server
 * and while React hydrates (the server cannot know the screen), and where the browser has no
 * matchMedia (jsdom): the caller then renders both layouts and lets CSS (`md:`) show one, so the
 * first paint is right either way and hydration matches.
 */
export function useMediaQuery(query: string): boolean | null {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== 'function') return () => {};
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => (typeof window.matchMedia === 'function' ? window.matchMedia(query).matches : null),
    () => null,
  );
}
