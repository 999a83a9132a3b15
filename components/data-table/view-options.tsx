'use client';

import type { ReactTable, RowData } from '@tanstack/react-table';

import { cn } from '@/components/ui/cn';
import {
  Caret,
  DropdownMenu,
  dropdownTriggerClass,
  MenuContent,
  menuItemBase,
  menuItemHighlight,
  MenuLabel,
} from '@/components/ui/menu';

import type { DataTableFeatures } from './features';

/** The column-visibility menu: one checkbox item a column; it stays open while columns are toggled. */
export function ViewOptions<TData extends RowData>({
  table,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
}) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger aria-label="Columns" className={dropdownTriggerClass}>
        Columns
        <Caret />
      </DropdownMenu.Trigger>
      <MenuContent label="Show columns" align="end">
        <MenuLabel plain>Show columns</MenuLabel>
        {table
          .getAllLeafColumns()
          .filter((column) => column.getCanHide())
          .map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              // A shown column is the usual case: checked items here are not bold (the box says it).
              className={cn(menuItemBase, 'w-full', menuItemHighlight)}
              checked={column.getIsVisible()}
              onCheckedChange={(checked) => column.toggleVisibility(checked)}
              onSelect={(event) => event.preventDefault()}
            >
              <span
                aria-hidden
                className="inline-flex h-3.5 w-3.5 items-center justify-center rounded-sm border border-slate-400 text-[10px] dark:border-slate-500"
              >
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {column.columnDef.meta?.label ?? column.id}
            </DropdownMenu.CheckboxItem>
          ))}
      </MenuContent>
    </DropdownMenu.Root>
  );
}
