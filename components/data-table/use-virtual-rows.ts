'use client';

/**
 * Virtualisation of the data table's body (@tanstack/react-virtual). Up to VIRTUALIZE_ABOVE rows
 * (one page) every row is rendered in the page's flow. Above that (pages accumulated by "Load
 * more") the table's scroller renders only the rows in view: 10,000 rows cost what 40 do. Column
 * widths are measured from the header once when it switches and then fixed (table-layout: fixed),
 * so they do not jump as other rows scroll in.
 *
 * The virtualizer's code loads only when a table first holds more than a page (or on the intent to
 * load more, loadVirtualizer): a page of rows never needs it, and it was a tenth of /jobs' own
 * JavaScript (bench P5). Until it is there, the first VIRTUALIZE_ABOVE rows are shown in the flow.
 */
import type { Row, RowData } from '@tanstack/react-table';
import type * as ReactVirtual from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';

import type { DataTableFeatures } from './features';

/** More rows than this are virtualized (a page is at most 100). */
export const VIRTUALIZE_ABOVE = 100;
/** Height of a body row in px (cells are single-line; see DataRow's class). */
export const ROW_HEIGHT = 33;

export type Virtualizers = typeof ReactVirtual;
export type UseVirtualizer = Virtualizers['useVirtualizer'];

let loaded: Virtualizers | null = null;
let loading: Promise<Virtualizers> | null = null;

/** Starts (once) the download of the virtualizer: on the intent to load more rows, or when needed. */
export function loadVirtualizer(): Promise<Virtualizers> {
  loading ??= import('@tanstack/react-virtual').then((m) => (loaded = m));
  return loading;
}

/**
 * The virtualizers once `rows` needs one and their code is loaded, else null. The table and the
 * cards are keyed by it (data-table, data-cards): the hook it brings is called for a list's whole
 * life, or not at all.
 */
export function useVirtualizerFor(rows: number): Virtualizers | null {
  const wanted = rows > VIRTUALIZE_ABOVE;
  const [ready, setReady] = useState(loaded !== null);
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    void loadVirtualizer().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  return wanted && ready ? loaded : null;
}

/* eslint-disable react-hooks/refs -- the header's height is read while rendering, as the virtualizer
   itself reads the scroller's: it re-renders us on every scroll and resize, so the value is current. */
export function useVirtualRows<TData extends RowData>({
  rows,
  columnKey,
  scrollerRef,
  headRef,
  virtualizer,
}: {
  rows: Row<DataTableFeatures, TData>[];
  /** From useVirtualizerFor; the same for the caller's whole life (it is keyed by it). */
  virtualizer: UseVirtualizer | null;
  /** The visible columns' ids, joined: a change measures the widths again. */
  columnKey: string;
  scrollerRef: RefObject<HTMLDivElement | null>;
  headRef: RefObject<HTMLTableSectionElement | null>;
}) {
  const virtual = virtualizer !== null;
  const headerHeight = headRef.current?.offsetHeight ?? 30;
  // Stable while the rows are: the virtualizer re-measures every row when it changes.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  // No React Compiler in this build (next.config.js); the virtualizer re-renders us on scroll itself.
  // Called for the caller's whole life or never (see useVirtualizerFor).
  const instance = virtualizer?.({
    count: rows.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The header sits above the first row inside the scroller, and stays there (sticky): rows start
    // below it, and a row scrolled to stops below it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    getItemKey,
    // Renders in React's own batch rather than synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = instance ? instance.getVirtualItems() : [];
  // More than a page before the virtualizer is loaded: a page's worth, for the moment it takes.
  const shown = instance
    ? items.map((item) => rows[item.index]!).filter(Boolean)
    : rows.length > VIRTUALIZE_ABOVE
      ? rows.slice(0, VIRTUALIZE_ABOVE)
      : rows;

  // Column widths while virtualized: measured from the header once, then fixed.
  const [widths, setWidths] = useState<{ key: string; px: number[] } | null>(null);
  const fixed = virtual && widths?.key === columnKey ? widths.px : null;
  useLayoutEffect(() => {
    if (!virtual || fixed) return;
    const cells = headRef.current?.querySelectorAll('tr:last-child > th');
    if (cells?.length) setWidths({ key: columnKey, px: Array.from(cells, (th) => (th as HTMLElement).offsetWidth) });
  }, [virtual, fixed, columnKey, headRef]);

  return {
    virtual,
    /** The rows to render now (all of them, or those in view). */
    shown,
    /** Index in `rows` of the first row shown. */
    first: items[0]?.index ?? 0,
    /** Where each shown row sits in the body (grid layout), px. */
    topOf: (i: number) => (items[i]?.start ?? 0) - headerHeight,
    /** Spacer heights above and below the shown rows (table layout), px. */
    padTop: virtual ? (items[0]?.start ?? headerHeight) - headerHeight : 0,
    padBottom: instance ? instance.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0,
    bodyHeight: (instance?.getTotalSize() ?? headerHeight) - headerHeight,
    /** Fixed column widths once measured (then the table is a grid), else null. */
    fixed,
    scrollToIndex: (index: number) => instance?.scrollToIndex(index, { align: 'auto' }),
  };
}
/* eslint-enable react-hooks/refs */
