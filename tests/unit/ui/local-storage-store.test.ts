/**
 * features/preferences/local-storage-store (behind the preferences and the browser's saved views): parse on first
 * read, one cache, listeners told on write, other tabs' writes followed, and a browser that will not
 * store anything handled both ways.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

import { localStorageStore } from '@/features/preferences/local-storage-store';

function fakeWindow({ refuse = false } = {}) {
  const data = new Map<string, string>();
  const handlers = new Set<(event: { key: string }) => void>();
  const win = {
    localStorage: {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (refuse) throw new Error('QuotaExceededError');
        data.set(k, v);
      },
    },
    addEventListener: (_: string, h: (event: { key: string }) => void) => handlers.add(h),
    removeEventListener: (_: string, h: (event: { key: string }) => void) => handlers.delete(h),
  };
  vi.stubGlobal('window', win);
  return {
    data,
    fromOtherTab: (k: string, v: string) => (data.set(k, v), handlers.forEach((h) => h({ key: k }))),
    handlers,
  };
}
afterEach(() => vi.unstubAllGlobals());

const parse = (raw: unknown) => (typeof raw === 'number' ? raw : 0);

describe('localStorageStore', () => {
  it('parses what is stored once, falls back on garbage, and keeps the cache', () => {
    const { data } = fakeWindow();
    data.set('k', 'not json');
    const store = localStorageStore('k', parse, -1);
    expect(store.read()).toBe(-1);
    data.set('k', '5');
    expect(store.read()).toBe(-1); // cached until a write or another tab's change
    expect(localStorageStore('k', parse, -1).read()).toBe(5);
    expect(localStorageStore('absent', parse, -1).read()).toBe(0);
  });

  it('writes, tells every listener, and follows other tabs', () => {
    const { data, fromOtherTab, handlers } = fakeWindow();
    const store = localStorageStore('k', parse, -1);
    const heard = vi.fn();
    const off = store.subscribe(heard);
    expect(store.write(7)).toBe(true);
    expect(data.get('k')).toBe('7');
    expect(store.read()).toBe(7);
    fromOtherTab('k', '9');
    fromOtherTab('other', '1');
    expect(heard).toHaveBeenCalledTimes(2);
    expect(store.read()).toBe(9);
    off();
    expect(handlers.size).toBe(0);
  });

  it('when the browser keeps nothing: no change, or this page only when asked', () => {
    fakeWindow({ refuse: true });
    const store = localStorageStore('k', parse, -1);
    const heard = vi.fn();
    store.subscribe(heard);
    expect(store.write(3)).toBe(false);
    expect(store.read()).toBe(0);
    expect(heard).not.toHaveBeenCalled();
    expect(store.write(4, { orForThisPage: true })).toBe(false);
    expect(store.read()).toBe(4);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
