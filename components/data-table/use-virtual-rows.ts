'use client';

/**
 * Virtualisation of the data table's body (@tanstack/react-virtual). Up to VIRTUALIZE_ABOVE rows
 * (one page) every row is rendered in the page's flow. Above that (pages accumulated by "Load
 * more") the table's scroller renders only the rows in view: 10,000 rows cost what 40 do. Column
 * widths are measured from the header once when it switches and then fixed (table-layout: fixed),
 * so they do not jump as other rows scroll in.
 */
import type { Row, RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

import type { DataTableFeatures } from './features';

/** More rows than this are virtualized (a page is at most 100). */
export const VIRTUALIZE_ABOVE = 100;
/** Height of a body row in px (cells are single-line; see DataRow's class). */
export const ROW_HEIGHT = 33;

export function useVirtualRows<TData extends RowData>({
  rows,
  columnKey,
  scrollerRef,
  headRef,
}: {
  rows: Row<DataTableFeatures, TData>[];
  /** The visible columns' ids, joined: a change measures the widths again. */
  columnKey: string;
  scrollerRef: RefObject<HTMLDivElement | null>;
  headRef: RefObject<HTMLTableSectionElement | null>;
}) {
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  const headerHeight = headRef.current?.offsetHeight ?? 30;
  // Stable while the rows are: the virtualizer re-measures every row when it changes.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  // No React Compiler in this build (next.config.js); the virtualizer re-renders us on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
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
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const shown = virtual ? items.map((item) => rows[item.index]!).filter(Boolean) : rows;

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
    padBottom: virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0,
    bodyHeight: virtualizer.getTotalSize() - headerHeight,
    /** Fixed column widths once measured (then the table is a grid), else null. */
    fixed,
    scrollToIndex: (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  };
}
