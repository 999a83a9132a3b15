'use client';

/**
 * A generic dense table for a TanStack Table v9 instance: sortable headers (table-head), visible
 * columns only, and keyboard navigation of rows (use-row-cursor: roving tabindex, ↑/↓, Home/End,
 * PageUp/PageDown, Enter/Space to open). Row keys come from the table's getRowId, so refreshed
 * rows keep their place and focus.
 *
 * Up to VIRTUALIZE_ABOVE rows (one page) the table renders every row in the page's flow, as a plain
 * table; above that (or a full page as soon as more are asked for: `growing`) it becomes a scroller
 * of its own with a sticky header and renders only the rows in view, between two spacer rows
 * (use-virtual-rows), each kept row element showing the next row that scrolls in (keys by slot).
 * aria-rowcount/aria-rowindex tell assistive technology where a row is in the whole.
 */
import type { ReactTable, RowData } from '@tanstack/react-table';
import { useRef, type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, type Ref } from 'react';

import { cn } from '@/components/ui/cn';
import { copyFromClick, CopyStatus } from '@/components/ui/copy-cell';
import { useHydrated } from '@/components/ui/use-hydrated';

import { DataRow } from './data-row';
import type { DataTableFeatures } from './features';
import { TableHead } from './table-head';
import { useRowCursor, type DataTableCursor } from './use-row-cursor';
import { useVirtualRows } from './use-virtual-rows';

export type { DataTableCursor } from './use-row-cursor';
export { VIRTUALIZE_ABOVE } from './use-virtual-rows';

export function DataTable<TData extends RowData>({
  table,
  label,
  onRowActivate,
  activeRowId,
  busy,
  testId,
  empty,
  cursorRef,
  renderKey = '',
  growing,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  cursorRef?: Ref<DataTableCursor>;
  /** What the cells show that the rows do not carry (a time zone): a change re-renders every row. */
  renderKey?: string;
  /** More rows are asked for (or were, in the same list): a full page virtualizes now (use-virtual-rows). */
  growing?: boolean;
  label: string;
  onRowActivate?: (row: TData) => void;
  activeRowId?: string | null;
  busy?: boolean;
  testId?: string;
  empty?: ReactNode;
}) {
  const rows = table.getRowModel().rows;
  const hydrated = useHydrated();
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const columnIds = table
    .getVisibleLeafColumns()
    .map((c) => c.id)
    .join(',');
  const columns = table.getVisibleLeafColumns().length;

  const v = useVirtualRows({ rows, columnKey: columnIds, scrollerRef, headRef, growing });
  const { focusId, tabStop, events } = useRowCursor({
    rows,
    shown: v.shown,
    virtual: v.virtual,
    scrollToIndex: v.scrollToIndex,
    bodyRef,
    onRowActivate,
    cursorRef,
  });
  const { fixed } = v;
  const columnKey = `${columnIds}|${renderKey}`;

  // The rows' events, one handler each for the body (a row element is found by its data-row-id;
  // its aria-rowindex is its place in `rows`), instead of three closures on every row.
  const rowOf = (target: EventTarget) => {
    const tr = (target as Element).closest?.<HTMLElement>('tr[data-row-id]');
    const row = tr ? rows[Number(tr.getAttribute('aria-rowindex')) - 2] : undefined;
    return tr && row && row.id === tr.dataset.rowId
      ? { tr, row, index: Number(tr.getAttribute('aria-rowindex')) - 2 }
      : null;
  };
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const at = rowOf(event.target);
    if (at) events.focus(at.row.id);
  };
  const onClick = (event: MouseEvent<HTMLElement>) => {
    if ((event.target as Element).closest('button, a, input, select')) return;
    const at = rowOf(event.target);
    if (at) events.activate(at.row.original);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const at = rowOf(event.target);
    if (at) events.keyDown(event, at.index, at.row.original, event.target === at.tr);
  };

  return (
    <div
      ref={scrollerRef}
      data-testid={testId ? `${testId}-scroller` : undefined}
      // The cells' copy buttons (components/ui/copy-cell): one handler, one announcement.
      onClick={copyFromClick}
      className={cn(
        'rounded border border-slate-200 dark:border-slate-700',
        v.virtual ? 'max-h-[calc(100vh-17rem)] min-h-80 overflow-auto overscroll-contain' : 'overflow-x-auto',
      )}
    >
      {/* First: out of the flow (sr-only), it sits where it would have been — after the table it would
          stretch the page by the virtualized table's full height. */}
      <CopyStatus />
      <table
        className={cn('w-full border-collapse text-sm', fixed && 'grid')}
        style={fixed ? { width: fixed.reduce((a, b) => a + b, 0), minWidth: '100%' } : undefined}
        role={fixed ? 'table' : undefined}
        aria-label={label}
        aria-busy={busy || undefined}
        aria-rowcount={rows.length + 1}
        data-testid={testId}
        data-virtual={v.virtual || undefined}
        data-hydrated={hydrated || undefined}
      >
        <TableHead table={table} ref={headRef} virtual={v.virtual} fixed={fixed} />
        <tbody
          ref={bodyRef}
          onFocus={onFocus}
          onClick={onClick}
          onKeyDown={onKeyDown}
          role={fixed ? 'rowgroup' : undefined}
          className={fixed ? 'relative grid' : undefined}
          style={fixed ? { height: v.bodyHeight } : undefined}
        >
          {!fixed && v.padTop > 0 && <SpacerRow height={v.padTop} columns={columns} />}
          {v.shown.map((row, i) => (
            <DataRow
              key={v.keyOf(i)}
              row={row}
              index={v.virtual ? v.first + i : i}
              columnKey={columnKey}
              virtual={v.virtual}
              tabStop={row.id === tabStop}
              cursor={row.id === focusId}
              active={activeRowId === row.id}
              top={fixed ? v.topOf(i) : undefined}
              widths={fixed}
            />
          ))}
          {!fixed && v.padBottom > 0 && <SpacerRow height={v.padBottom} columns={columns} />}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

/** Stands for the rows not rendered above or below those in view. */
function SpacerRow({ height, columns }: { height: number; columns: number }) {
  return (
    <tr aria-hidden style={{ height }}>
      <td colSpan={columns} className="p-0" />
    </tr>
  );
}
