'use client';

/**
 * Virtualisation of the data table's body (@tanstack/react-virtual, loaded when first needed:
 * use-lazy-virtualizer). Up to VIRTUALIZE_ABOVE rows
 * (one page) every row is rendered in the page's flow. Above that (pages accumulated by "Load
 * more") the table's scroller renders only the rows in view: 10,000 rows cost what 40 do. Column
 * widths are measured from the header once when it switches and then fixed (table-layout: fixed),
 * so they do not jump as other rows scroll in.
 */
import type { Row, RowData } from '@tanstack/react-table';
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

import type { DataTableFeatures } from './features';
import { useLazyVirtualizer } from './use-lazy-virtualizer';

/** More rows than this are virtualized (a page is at most 100). */
export const VIRTUALIZE_ABOVE = 100;
/** Height of a body row in px (cells are single-line; see DataRow's class). */
export const ROW_HEIGHT = 33;
/**
 * Row elements kept for the rows in view: a row's React key is its slot, index mod the pool, so a
 * row scrolled out hands its elements to the one scrolled in and React updates their text in place
 * instead of unmounting a row and mounting another (a hard flick brings 15 rows a frame; mounting
 * them — their cells' components, the copy button, subscriptions — cost 2.5× what a bare page
 * creating as many plain rows does). Any number ≥ the rows shown at once keeps the keys unique.
 */
const SLOTS = 64;

export function useVirtualRows<TData extends RowData>({
  rows,
  columnKey,
  scrollerRef,
  headRef,
  growing = false,
}: {
  rows: Row<DataTableFeatures, TData>[];
  /** The visible columns' ids, joined: a change measures the widths again. */
  columnKey: string;
  scrollerRef: RefObject<HTMLDivElement | null>;
  headRef: RefObject<HTMLTableSectionElement | null>;
  /**
   * More rows are asked for (a list accumulating pages, from its first "Load more" on): a full page
   * turns virtual now, in the render that asks for more, rather than in the one that brings them —
   * and stays virtual if they bring nothing, as long as the caller keeps saying so. The switch (rows
   * re-keyed by slot, the header measured once, its layout forced) then runs while the answer is
   * awaited, not on top of the first rows it brings (bench P4c: ~250 ms on a loaded machine, half of
   * it layout). Fewer rows than a page stay plain: they may well stay that few.
   */
  growing?: boolean;
}) {
  const virtual = rows.length > VIRTUALIZE_ABOVE || (growing && rows.length >= VIRTUALIZE_ABOVE);
  // Column widths and the header's height while virtualized: measured once, then fixed. Measured in
  // a layout effect, never while rendering: reading a size during render forces a layout of the
  // whole page then — during hydration, of the server's hundred rows (bench P4a: ~300 ms), and on
  // every scroll frame of the DOM React has just changed (P4b′).
  const [measured, setMeasured] = useState<{ key: string; px: number[]; header: number } | null>(null);
  const fixed = virtual && measured?.key === columnKey ? measured.px : null;
  const headerHeight = measured?.header ?? 30;
  // Stable while the rows are: the virtualizer re-measures every row when it changes.
  const getScroller = useCallback(() => scrollerRef.current, [scrollerRef]);
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const virtualizer = useLazyVirtualizer({
    count: virtual ? rows.length : 0,
    scroller: getScroller,
    estimate: ROW_HEIGHT,
    overscan: 6,
    // The header sits above the first row inside the scroller, and stays there (sticky): rows start
    // below it, and a row scrolled to stops below it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    getItemKey,
  });
  const items = virtual ? virtualizer.items : [];
  const shown = virtual ? items.map((item) => rows[item.index]!).filter(Boolean) : rows;

  useLayoutEffect(() => {
    if (!virtual || fixed) return;
    const head = headRef.current;
    const cells = head?.querySelectorAll('tr:last-child > th');
    if (head && cells?.length)
      setMeasured({
        key: columnKey,
        px: Array.from(cells, (th) => (th as HTMLElement).offsetWidth),
        header: head.offsetHeight,
      });
  }, [virtual, fixed, columnKey, headRef]);

  return {
    virtual,
    /** The rows to render now (all of them, or those in view). */
    shown,
    /** Index in `rows` of the first row shown. */
    first: items[0]?.index ?? 0,
    /**
     * The React key of the i-th row shown: its slot while virtualized (see SLOTS; the shown rows are
     * consecutive, so no two share one), else its ID (a refreshed page's rows keep their elements).
     */
    keyOf: (i: number) => {
      const item = items[i];
      return item ? `slot-${item.index % Math.max(SLOTS, items.length)}` : (shown[i]?.id ?? String(i));
    },
    /** Where each shown row sits in the body (grid layout), px. */
    topOf: (i: number) => (items[i]?.start ?? 0) - headerHeight,
    /** Spacer heights above and below the shown rows (table layout), px. */
    padTop: virtual ? (items[0]?.start ?? headerHeight) - headerHeight : 0,
    padBottom: virtual ? virtualizer.totalSize - (items[items.length - 1]?.end ?? 0) : 0,
    bodyHeight: virtualizer.totalSize - headerHeight,
    /** Fixed column widths once measured (then the table is a grid), else null. */
    fixed,
    scrollToIndex: virtualizer.scrollToIndex,
  };
}
