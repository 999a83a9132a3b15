'use client';

/**
 * A virtualizer whose code (@tanstack/react-virtual and its core, ~10 KiB gzipped — a tenth of
 * what /jobs ships beyond /blank, bench P5) loads only when a list first grows past one page, or
 * on the intent to grow it (preloadVirtualizer: pointing at or focusing "Load more"). A page of at
 * most 100 rows never needs it.
 *
 * The list switches to its virtual layout at once (the same render as it would with the code
 * already loaded), so nothing jumps and the page keeps its scroll position. Until the code arrives
 * (a few ms; the request usually started on the button's focus) the rows in view are worked out
 * here from the fixed size estimate and the current scroll offset, and re-worked on scroll. The
 * real virtualizer then takes over at the scroller's current offset (`initialOffset`), not at 0.
 *
 * It is react-virtual's own hook (useVirtualizerBase) reduced to what the kit uses, over the
 * library's Virtualizer class, so that the class can arrive later than the first render.
 */
import type { VirtualItem, Virtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useReducer, useState } from 'react';

type Core = typeof import('@tanstack/react-virtual');
type Key = VirtualItem['key'];

let core: Core | null = null;
let loading: Promise<Core> | null = null;

/** Starts (once) the download of the virtualizer; resolves with it. */
export function preloadVirtualizer(): Promise<Core> {
  loading ??= import('@tanstack/react-virtual').then((m) => (core = m));
  return loading;
}

export interface LazyVirtualizerOptions {
  /** Items to virtualize; 0 while the list is not virtual (nothing is loaded for it). */
  count: number;
  /** The scrolling element, or `'window'` for a list in the page's own flow. */
  scroller: (() => HTMLElement | null) | 'window';
  /** An item's size before it is measured (and, for fixed-size items, its size), px. */
  estimate: number;
  overscan: number;
  getItemKey: (index: number) => Key;
  /** Space above the first item inside the scroller (a sticky header), px. */
  paddingStart?: number;
  /** Kept free above an item scrolled to, px. */
  scrollPaddingStart?: number;
  /** Where the list starts in the window's scroll, px (window lists). */
  scrollMargin?: number;
}

export interface LazyVirtualizer {
  /** The items to render now, in order. */
  items: VirtualItem[];
  /** The whole list's height (padding included, scrollMargin not), px. */
  totalSize: number;
  /** Brings an item into view (the least scroll that shows it). */
  scrollToIndex: (index: number) => void;
  /** Measures a rendered item (a ref callback); undefined until the virtualizer is loaded. */
  measureElement?: (element: Element | null) => void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- an element or the window
type AnyVirtualizer = Virtualizer<any, Element>;

export function useLazyVirtualizer(o: LazyVirtualizerOptions): LazyVirtualizer {
  const [, rerender] = useReducer((x: number) => x + 1, 0);
  const [loaded, setLoaded] = useState<Core | null>(core);
  const wanted = o.count > 0;
  useEffect(() => {
    if (!wanted || loaded) return;
    let live = true;
    void preloadVirtualizer().then((m) => live && setLoaded(m));
    return () => {
      live = false;
    };
  }, [wanted, loaded]);

  const options = loaded ? resolveOptions(loaded, o, rerender) : null;
  const [instance, setInstance] = useState<AnyVirtualizer | null>(null);
  // Created on the first render that needs it (state set while rendering: React renders again at once).
  if (!instance && options && loaded && wanted) setInstance(new loaded.Virtualizer(options) as AnyVirtualizer);
  if (instance && options) instance.setOptions(options);
  useLayoutEffect(() => instance?._didMount(), [instance]);
  useLayoutEffect(() => instance?._willUpdate());

  // Until then: re-work the rows in view as the list scrolls.
  const fallback = wanted && !instance;
  const { scroller } = o;
  useEffect(() => {
    if (!fallback) return;
    const target = scroller === 'window' ? window : scroller();
    target?.addEventListener('scroll', rerender, { passive: true });
    return () => target?.removeEventListener('scroll', rerender);
  }, [fallback, scroller]);

  if (instance) {
    return {
      items: wanted ? instance.getVirtualItems() : [],
      totalSize: instance.getTotalSize(),
      scrollToIndex: (index) => instance.scrollToIndex(index, { align: 'auto' }),
      measureElement: instance.measureElement,
    };
  }
  return estimated(o);
}

function resolveOptions(
  m: Core,
  o: LazyVirtualizerOptions,
  rerender: () => void,
): ConstructorParameters<Core['Virtualizer']>[0] {
  const inWindow = o.scroller === 'window';
  const element = o.scroller === 'window' ? null : o.scroller;
  return {
    count: o.count,
    estimateSize: () => o.estimate,
    overscan: o.overscan,
    getItemKey: o.getItemKey,
    paddingStart: o.paddingStart ?? 0,
    scrollPaddingStart: o.scrollPaddingStart ?? 0,
    scrollMargin: o.scrollMargin ?? 0,
    getScrollElement: () => (inWindow ? (typeof window === 'undefined' ? null : window) : (element?.() ?? null)),
    observeElementRect: inWindow ? m.observeWindowRect : m.observeElementRect,
    observeElementOffset: inWindow ? m.observeWindowOffset : m.observeElementOffset,
    scrollToFn: inWindow ? m.windowScroll : m.elementScroll,
    // Takes over where the list is scrolled to now (the rows shown until it loaded), not at the top.
    initialOffset: () => currentOffset(o.scroller),
    // Renders in React's own batch rather than synchronously inside each scroll event.
    onChange: () => rerender(),
  } as ConstructorParameters<Core['Virtualizer']>[0];
}

function currentOffset(scroller: LazyVirtualizerOptions['scroller']): number {
  if (typeof window === 'undefined') return 0;
  return scroller === 'window' ? window.scrollY : (scroller()?.scrollTop ?? 0);
}

/** The items in view by the size estimate, as the virtualizer lays them out before measuring. */
function estimated(o: LazyVirtualizerOptions): LazyVirtualizer {
  const pad = o.paddingStart ?? 0;
  const margin = o.scrollMargin ?? 0;
  const totalSize = pad + o.count * o.estimate;
  if (o.count === 0 || typeof window === 'undefined') return { items: [], totalSize, scrollToIndex: () => {} };
  const element = o.scroller === 'window' ? null : o.scroller();
  const offset = currentOffset(o.scroller) - margin;
  const viewport = element ? element.clientHeight : window.innerHeight;
  const from = Math.max(0, Math.floor((offset - pad) / o.estimate) - o.overscan);
  const to = Math.min(o.count, Math.ceil((offset + viewport - pad) / o.estimate) + o.overscan);
  const items: VirtualItem[] = [];
  for (let index = from; index < to; index++) {
    const start = margin + pad + index * o.estimate;
    items.push({ index, key: o.getItemKey(index), start, end: start + o.estimate, size: o.estimate, lane: 0 });
  }
  const scrollToIndex = (index: number) => {
    const start = pad + index * o.estimate;
    const top = offset + (o.scrollPaddingStart ?? 0);
    const target =
      start < top
        ? start - (o.scrollPaddingStart ?? 0)
        : start + o.estimate > offset + viewport
          ? start + o.estimate - viewport
          : null;
    if (target === null) return;
    if (element) element.scrollTop = target;
    else window.scrollTo({ top: target + margin });
  };
  return { items, totalSize, scrollToIndex };
}
