import { useSyncExternalStore } from 'react';

const never = () => () => {};

/**
 * False on the server and while React hydrates the server's HTML, true from the first render after:
 * for what must not differ from the server's markup (browser clocks, storage), for controls that
 * only work with script, and as the `data-hydrated` mark end-to-end tests wait for before they act.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
