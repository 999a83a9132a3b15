'use client';

/**
 * A generic dense table for a TanStack Table v9 instance: sortable headers (table-head), visible
 * columns only, and keyboard navigation of rows (use-row-cursor: roving tabindex, ↑/↓, Home/End,
 * PageUp/PageDown, Enter/Space to open). Row keys come from the table's getRowId, so refreshed
 * rows keep their place and focus.
 *
 * Up to VIRTUALIZE_ABOVE rows (one page) the table renders every row in the page's flow, as a plain
 * table; above that it becomes a scroller of its own with a sticky header and renders only the rows
 * in view, between two spacer rows (use-virtual-rows). aria-rowcount/aria-rowindex tell assistive
 * technology where a row is in the whole.
 */
import type { ReactTable, RowData } from '@tanstack/react-table';
import { useRef, type ReactNode, type Ref } from 'react';

import { cn } from '@/components/ui/cn';
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
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  cursorRef?: Ref<DataTableCursor>;
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
  const columnKey = table
    .getVisibleLeafColumns()
    .map((c) => c.id)
    .join(',');
  const columns = table.getVisibleLeafColumns().length;

  const v = useVirtualRows({ rows, columnKey, scrollerRef, headRef });
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

  return (
    <div
      ref={scrollerRef}
      data-testid={testId ? `${testId}-scroller` : undefined}
      className={cn(
        'rounded border border-slate-200 dark:border-slate-700',
        v.virtual ? 'max-h-[calc(100vh-17rem)] min-h-80 overflow-auto overscroll-contain' : 'overflow-x-auto',
      )}
    >
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
          role={fixed ? 'rowgroup' : undefined}
          className={fixed ? 'relative grid' : undefined}
          style={fixed ? { height: v.bodyHeight } : undefined}
        >
          {!fixed && v.padTop > 0 && <SpacerRow height={v.padTop} columns={columns} />}
          {v.shown.map((row, i) => (
            <DataRow
              key={row.id}
              row={row}
              table={table}
              index={v.virtual ? v.first + i : i}
              columnKey={columnKey}
              virtual={v.virtual}
              tabStop={row.id === tabStop}
              cursor={row.id === focusId}
              active={activeRowId === row.id}
              events={events}
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
