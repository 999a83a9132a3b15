'use client';

import type { ReactTable, Row, RowData } from '@tanstack/react-table';
import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';

import { cn } from '@/components/ui/cn';

import type { DataTableFeatures } from './features';
import type { RowEvents } from './use-row-cursor';

export interface DataRowProps<TData extends RowData> {
  row: Row<DataTableFeatures, TData>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  index: number;
  /** The visible columns: a change re-renders the row. */
  columnKey: string;
  virtual: boolean;
  tabStop: boolean;
  /** The row cursor is here (it has or last had focus). */
  cursor: boolean;
  active: boolean;
  events: RowEvents<TData>;
  /** Grid layout (virtualized, widths fixed): where the row sits in the body, px. */
  top?: number;
  widths?: number[] | null;
}

/**
 * One body row; memoized, so scrolling re-renders only the rows that enter the view. A virtualized
 * table's row element shows another row once its row scrolled out (keys by slot, use-virtual-rows):
 * focus inside it then leaves, as it did when the element went with its row — it must not stay on
 * an element now showing another job.
 */
export const DataRow = memo(function DataRow<TData extends RowData>({
  row,
  table,
  index,
  virtual,
  tabStop,
  cursor,
  active,
  events,
  top,
  widths,
}: DataRowProps<TData>) {
  const ref = useRef<HTMLTableRowElement>(null);
  const shownId = useRef(row.id);
  useLayoutEffect(() => {
    if (shownId.current === row.id) return;
    shownId.current = row.id;
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && ref.current?.contains(focused)) focused.blur();
  }, [row.id]);
  return (
    <tr
      ref={ref}
      role={widths ? 'row' : undefined}
      style={widths ? { transform: `translateY(${top}px)` } : undefined}
      data-row-id={row.id}
      aria-rowindex={index + 2}
      tabIndex={tabStop ? 0 : -1}
      aria-current={active ? 'true' : undefined}
      data-cursor={cursor || undefined}
      onFocus={() => events.focus(row.id)}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, a, input, select')) return;
        events.activate(row.original);
      }}
      onKeyDown={(event) => events.keyDown(event, index, row.original)}
      className={cn(
        'cursor-pointer border-b border-slate-100 outline-none last:border-b-0',
        virtual && 'h-[33px] [&>td]:overflow-hidden [&>td]:whitespace-nowrap',
        // Each row on its own: moving the others is a transform, not a table layout.
        widths && 'absolute top-0 left-0 flex w-full [contain:strict] [&>td]:flex [&>td]:flex-none [&>td]:items-center',
        'hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60',
        'focus-visible:bg-blue-50 focus-visible:shadow-[inset_3px_0_0_0_var(--color-blue-500)] dark:focus-visible:bg-blue-950/60',
        active && 'bg-blue-50 dark:bg-blue-950/40',
        cursor &&
          'shadow-[inset_3px_0_0_0_var(--color-slate-400)] dark:shadow-[inset_3px_0_0_0_var(--color-slate-500)]',
      )}
    >
      {row.getVisibleCells().map((cell, c) => (
        <td
          key={cell.id}
          role={widths ? 'cell' : undefined}
          style={widths ? { width: widths[c] } : undefined}
          className={cn('px-2 py-1 align-middle', cell.column.columnDef.meta?.className)}
        >
          <table.FlexRender cell={cell} />
        </td>
      ))}
    </tr>
  );
}) as <TData extends RowData>(props: DataRowProps<TData>) => ReactNode;
