'use client';

/**
 * A component whose code loads on the first intent to use it, for parts of a page that do nothing
 * until the user acts (a menu with its exporters, a dialog's editor). Until then a `Shell` renders
 * instead, with the same look and test ids as the real part's first render (usually its trigger
 * button): pointing at it or focusing it starts the download (`intent.preload`), using it
 * (`intent.open`) mounts the real component with `openOnMount`, which opens at once. Server and
 * browser render the Shell on the first load, so hydration matches; once loaded, every instance
 * renders the real component. components/ui/lazy-dropdown-menu does the same for Radix's menu.
 */
import { useEffect, useState, type ComponentType } from 'react';

export interface Intent {
  /** Starts the download (pointer over, focus). */
  preload: () => void;
  /** Loads and mounts the real component, open. */
  open: () => void;
}

export type OpensOnMount<P> = P & { openOnMount?: boolean };

export function lazyOnIntent<P extends object>(
  load: () => Promise<ComponentType<OpensOnMount<P>>>,
  Shell: ComponentType<P & { intent: Intent }>,
  name: string,
): ComponentType<P> {
  let loaded: ComponentType<OpensOnMount<P>> | null = null;
  let loading: Promise<unknown> | null = null;
  const start = () => (loading ??= load().then((component) => (loaded = component)));

  function LazyOnIntent(props: P) {
    const [ready, setReady] = useState(loaded !== null);
    const [wanted, setWanted] = useState(false);
    useEffect(() => {
      if (!wanted || ready) return;
      let live = true;
      void start().then(() => live && setReady(true));
      return () => {
        live = false;
      };
    }, [wanted, ready]);
    if (ready && loaded) {
      const Real = loaded;
      return <Real {...props} openOnMount={wanted} />;
    }
    const intent: Intent = { preload: () => void start(), open: () => setWanted(true) };
    return <Shell {...props} intent={intent} />;
  }
  LazyOnIntent.displayName = `LazyOnIntent(${name})`;
  return LazyOnIntent;
}
