'use client';
/**
 * A generic dense table for a TanStack Table v9 instance: sortable headers, visible columns only,
 * and keyboard navigation of rows (roving tabindex: ↑/↓, Home/End, PageUp/PageDown, Enter/Space to
 * open). Row keys come from the table's getRowId, so refreshed rows keep their place and focus.
 */
import type { ReactTable } from '@tanstack/react-table';
import type { RowData } from '@tanstack/react-table';
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import { ColumnHeader } from './column-header';
import type { DataTableFeatures } from './features';

export function DataTable<TData extends RowData>({
  table,
  label,
  onRowActivate,
  activeRowId,
  busy,
  testId,
  empty,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  label: string;
  onRowActivate?: (row: TData) => void;
  activeRowId?: string | null;
  busy?: boolean;
  testId?: string;
  empty?: ReactNode;
}) {
  const rows = table.getRowModel().rows;
  const [focusId, setFocusId] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const tabStop = rows.some((r) => r.id === focusId) ? focusId : (rows[0]?.id ?? null);

  const focusRow = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setFocusId(row.id);
    bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-id="${CSS.escape(row.id)}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, original: TData) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, j: 1, k: -1 };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(index + moves[event.key]!);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusRow(rows.length - 1);
    } else if ((event.key === 'Enter' || event.key === ' ') && event.target === event.currentTarget) {
      event.preventDefault();
      onRowActivate?.(original);
    }
  };

  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-700">
      <table className="w-full border-collapse text-sm" aria-label={label} aria-busy={busy || undefined} data-testid={testId}>
        <thead className="bg-slate-50 dark:bg-slate-900">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="border-b border-slate-200 dark:border-slate-700">
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className="px-2 py-1.5 text-left text-[11px] font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase dark:text-slate-300"
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
        <tbody ref={bodyRef}>
          {rows.map((row, index) => (
            <tr
              key={row.id}
              data-row-id={row.id}
              tabIndex={row.id === tabStop ? 0 : -1}
              aria-current={activeRowId === row.id ? 'true' : undefined}
              onFocus={() => setFocusId(row.id)}
              onClick={(event) => {
                if ((event.target as HTMLElement).closest('button, a, input, select')) return;
                onRowActivate?.(row.original);
              }}
              onKeyDown={(event) => onKeyDown(event, index, row.original)}
              className={cn(
                'cursor-pointer border-b border-slate-100 outline-none last:border-b-0 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/60',
                'focus-visible:bg-blue-50 focus-visible:shadow-[inset_3px_0_0_0_var(--color-blue-500)] dark:focus-visible:bg-blue-950/60',
                activeRowId === row.id && 'bg-blue-50 dark:bg-blue-950/40',
              )}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cn('px-2 py-1 align-middle', cell.column.columnDef.meta?.className)}>
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}
