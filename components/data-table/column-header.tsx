'use client';

import type { Header, RowData } from '@tanstack/react-table';
import type { ReactNode } from 'react';

import { cn, focusRing } from '@/components/ui/cn';

import type { DataTableFeatures } from './features';

/** A header cell's content: a sort toggle when the column sorts (ascending → descending → none). */
export function ColumnHeader<TData extends RowData>({
  header,
  children,
}: {
  header: Header<DataTableFeatures, TData, unknown>;
  children: ReactNode;
}) {
  const column = header.column;
  if (!column.getCanSort()) return <>{children}</>;
  const sorted = column.getIsSorted();
  const label = column.columnDef.meta?.label ?? column.id;
  return (
    <button
      type="button"
      onClick={column.getToggleSortingHandler()}
      className={cn(
        '-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-900 dark:hover:text-slate-100',
        focusRing,
      )}
      title={`Sort the loaded rows by ${label}`}
    >
      {children}
      <span aria-hidden className="text-[10px]">
        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
      </span>
    </button>
  );
}
