/**
 * Code fetched once, on first need, and then read synchronously: `get()` is null until `load()`
 * (shared by every caller) has resolved. For a part whose render must not suspend when it appears —
 * a popover's panel takes focus as it opens, so its code has to be here before it opens, not
 * arrive after (React.lazy would show a Suspense fallback first). Browser code loads it on intent.
 */
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
