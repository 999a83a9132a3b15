/**
 * One value kept in localStorage, as an external store for useSyncExternalStore: read once and
 * cached, every reader in this tab updated together on a write, other tabs following through the
 * storage event. `parse` turns whatever is stored (or nothing) into a valid value.
 */
/** Its functions use no `this`: React is handed them unbound (useSyncExternalStore(store.subscribe, store.read)). */
export interface LocalStorageStore<T> {
  read(this: void): T;
  /**
   * Stores and announces the value; false when the browser would not keep it (storage full, or
   * refused), in which case it applies to this page only if `orForThisPage`, else not at all.
   */
  write(this: void, value: T, options?: { orForThisPage?: boolean }): boolean;
  subscribe(this: void, listener: () => void): () => void;
}

export function localStorageStore<T>(key: string, parse: (raw: unknown) => T, fallback: T): LocalStorageStore<T> {
  let current: T | null = null;
  const listeners = new Set<() => void>();
  return {
    read() {
      if (current !== null) return current;
      try {
        const stored = window.localStorage.getItem(key);
        current = stored === null ? parse(undefined) : parse(JSON.parse(stored));
      } catch {
        current = fallback;
      }
      return current;
    },
    write(value, { orForThisPage = false } = {}) {
      let kept = true;
      try {
        window.localStorage.setItem(key, JSON.stringify(value));
      } catch {
        kept = false;
      }
      if (!kept && !orForThisPage) return false;
      current = value;
      for (const l of listeners) l();
      return kept;
    },
    subscribe(listener) {
      listeners.add(listener);
      const onStorage = (event: StorageEvent) => {
        if (event.key !== key) return;
        current = null;
        listener();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(listener);
        window.removeEventListener('storage', onStorage);
      };
    },
  };
}
