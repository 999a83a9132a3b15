/**
 * Code fetched once, on first need, and then read synchronously: `get()` is null until `load()`
 * (shared by every caller) has resolved. For a part whose render must not suspend when it appears —
 * a popover's panel takes focus as it opens, so its code has to be here before it opens, not
 * arrive after (React.lazy would show a Suspense fallback first). Browser code loads it on intent.
 */
import { useEffect, useState } from 'react';

export interface LazyPart<M> {
  get: () => M | null;
  load: () => Promise<M>;
}

export function lazyPart<M>(importer: () => Promise<M>): LazyPart<M> {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  return {
    get: () => loaded,
    load: () => (loading ??= importer().then((m) => (loaded = m))),
  };
}

/**
 * The part's code once it is here, else null — and, while `wanted`, loads it and renders again when
 * it arrives. Code already loaded (preloaded on intent) renders at once, with no Suspense fallback.
 */
export function useLazyPart<M>(part: LazyPart<M>, wanted = true): M | null {
  const [, arrived] = useState(0);
  const code = part.get();
  useEffect(() => {
    if (!wanted || code) return;
    let live = true;
    void part.load().then(() => live && arrived((n) => n + 1));
    return () => {
      live = false;
    };
  }, [part, wanted, code]);
  return code;
}
