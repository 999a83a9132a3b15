/**
 * The table features the kit supports (TanStack Table v9 registers features explicitly): column
 * visibility, and sorting of the rows that are loaded (CI pages by cursor; sorting never asks CI).
 */
import {
  columnVisibilityFeature,
  createSortedRowModel,
  metaHelper,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
} from '@tanstack/react-table';

export interface DataTableColumnMeta {
  /** Name in the column-visibility menu and the sortable header's accessible name. */
  label: string;
  /** Classes for the column's cells (width, alignment, truncation). */
  className?: string;
}

export const dataTableFeatures = tableFeatures({
  columnVisibilityFeature,
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, text: sortFn_text },
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
