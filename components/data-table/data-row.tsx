'use client';

import type { Cell, Row, RowData } from '@tanstack/react-table';
import { memo, useLayoutEffect, useRef, type ReactNode } from 'react';

import { clearCopied } from '@/components/ui/copy-cell';

import type { DataTableFeatures } from './features';

export interface DataRowProps<TData extends RowData> {
  row: Row<DataTableFeatures, TData>;
  index: number;
  /** The visible columns, and anything else the cells show that the row does not carry: a change re-renders the row. */
  columnKey: string;
  virtual: boolean;
  tabStop: boolean;
  /** The row cursor is here (it has or last had focus). */
  cursor: boolean;
  active: boolean;
  /** Grid layout (virtualized, widths fixed): where the row sits in the body, px. */
  top?: number;
  widths?: number[] | null;
}

/**
 * A cell's content: its column's `cell` called as a plain function, not mounted as a component
 * (FlexRender) — a hundred rows of nine cells are 900 fewer components to hydrate and to update.
 * So a column's `cell` uses no hooks; one that needs them returns a component's element.
 */
function renderCell<TData extends RowData>(cell: Cell<DataTableFeatures, TData, unknown>): ReactNode {
  const def = cell.column.columnDef.cell;
  return typeof def === 'function' ? (def(cell.getContext()) as ReactNode) : (def ?? null);
}

/**
 * One body row; memoized, so scrolling re-renders only the rows that enter the view. Its events
 * (focus, click, keys) are the body's (data-table: one handler each, finding the row by
 * `data-row-id`), and its look is one class (app/globals.css .dt-row) with its states as attributes.
 * A virtualized table's row element shows another row once its row scrolled out (keys by slot,
 * use-virtual-rows): focus inside it then leaves, as it did when the element went with its row — it
 * must not stay on an element now showing another job — and so does a copy button's "copied" mark.
 */
export const DataRow = memo(function DataRow<TData extends RowData>({
  row,
  index,
  virtual,
  tabStop,
  cursor,
  active,
  top,
  widths,
}: DataRowProps<TData>) {
  const ref = useRef<HTMLTableRowElement>(null);
  const shownId = useRef(row.id);
  useLayoutEffect(() => {
    if (shownId.current === row.id || !ref.current) return;
    shownId.current = row.id;
    clearCopied(ref.current);
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && ref.current.contains(focused)) focused.blur();
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
      className={widths ? 'dt-row dt-row-v dt-row-grid' : virtual ? 'dt-row dt-row-v' : 'dt-row'}
    >
      {row.getVisibleCells().map((cell, c) => (
        <td
          key={cell.id}
          role={widths ? 'cell' : undefined}
          style={widths ? { width: widths[c] } : undefined}
          className={cell.column.columnDef.meta?.className}
        >
          {renderCell(cell)}
        </td>
      ))}
    </tr>
  );
}) as <TData extends RowData>(props: DataRowProps<TData>) => ReactNode;
