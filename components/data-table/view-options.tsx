'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';

import type { DataTableFeatures } from './features';
import { Popover } from './popover';

/** The column-visibility menu. */
export function ViewOptions<TData extends RowData>({
  table,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
}) {
  return (
    <Popover label="Columns" summary="Columns" align="right">
      <fieldset>
        <legend className="px-2 py-1 text-xs font-semibold text-slate-500 dark:text-slate-400">Show columns</legend>
        {table
          .getAllLeafColumns()
          .filter((column) => column.getCanHide())
          .map((column) => (
            <label
              key={column.id}
              className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <input
                type="checkbox"
                className="accent-blue-600"
                checked={column.getIsVisible()}
                onChange={(event) => column.toggleVisibility(event.target.checked)}
              />
              {column.columnDef.meta?.label ?? column.id}
            </label>
          ))}
      </fieldset>
    </Popover>
  );
}
