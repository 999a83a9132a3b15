'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';
import type { Ref } from 'react';

import { cn } from '@/components/ui/cn';

import { ColumnHeader } from './column-header';
import type { DataTableFeatures } from './features';

/** The data table's header: sortable column headers; sticky above the rows when virtualized. */
export function TableHead<TData extends RowData>({
  table,
  ref,
  virtual,
  fixed,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  ref: Ref<HTMLTableSectionElement>;
  virtual: boolean;
  /** Fixed column widths (grid layout), px. */
  fixed: number[] | null;
}) {
  return (
    <thead
      ref={ref}
      role={fixed ? 'rowgroup' : undefined}
      className={cn(
        'bg-slate-50 dark:bg-slate-900',
        fixed && 'grid',
        virtual &&
          'sticky top-0 z-10 shadow-[0_1px_0_0_var(--color-slate-200)] dark:shadow-[0_1px_0_0_var(--color-slate-700)]',
      )}
    >
      {table.getHeaderGroups().map((group) => (
        <tr
          key={group.id}
          aria-rowindex={1}
          role={fixed ? 'row' : undefined}
          className={cn('border-b border-slate-200 dark:border-slate-700', fixed && 'flex')}
        >
          {group.headers.map((header, h) => {
            const sorted = header.column.getIsSorted();
            return (
              <th
                key={header.id}
                scope="col"
                role={fixed ? 'columnheader' : undefined}
                style={fixed ? { width: fixed[h] } : undefined}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                className={cn(
                  'px-2 py-1.5 text-left text-[11px] font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase dark:text-slate-300',
                  fixed && 'flex-none',
                )}
              >
                {header.isPlaceholder ? null : (
                  <ColumnHeader header={header}>
                    <table.FlexRender header={header} />
                  </ColumnHeader>
                )}
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
