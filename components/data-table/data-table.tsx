'use client';

/**
 * A generic dense table for a TanStack Table v9 instance: sortable headers, visible columns only,
 * and keyboard navigation of rows (roving tabindex: ↑/↓, Home/End, PageUp/PageDown, Enter/Space to
 * open). Row keys come from the table's getRowId, so refreshed rows keep their place and focus.
 *
 * Up to VIRTUALIZE_ABOVE rows (one page) the table renders every row in the page's flow, as a plain
 * table. Above that (pages accumulated by "Load more"), it becomes a scroller of its own with a
 * sticky header and renders only the rows in view (@tanstack/react-virtual), between two spacer
 * rows: 10,000 rows cost what 40 do. Column widths are measured once when it switches and then fixed
 * (table-layout: fixed), so they do not jump as other rows scroll in; arrow keys scroll the focused
 * row into view; aria-rowcount/aria-rowindex tell assistive technology where a row is in the whole.
 */
import type { ReactTable, Row, RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
} from 'react';

import { cn } from '@/components/ui/cn';
import { useHydrated } from '@/components/ui/use-hydrated';

import { ColumnHeader } from './column-header';
import type { DataTableFeatures } from './features';

/**
 * The row cursor, for page-wide shortcuts (features/shortcuts): the row that has or last had
 * focus (marked `data-cursor`). Moving it focuses the row, scrolling it into view (virtualized
 * rows too); from then on the row's own keys (j/k, ↑/↓, Enter) take over.
 */
export interface DataTableCursor {
  /** Moves the cursor by `delta` rows (from before the first row when there is none yet). */
  move: (delta: number) => void;
  /** Opens the row under the cursor; false when there is none. */
  activate: () => boolean;
}

/** More rows than this are virtualized (a page is at most 100). */
export const VIRTUALIZE_ABOVE = 100;
/** Height of a body row in px (cells are single-line; see the row's class). */
const ROW_HEIGHT = 33;

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
  const virtual = rows.length > VIRTUALIZE_ABOVE;
  const hydrated = useHydrated();
  const [focusId, setFocusId] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const pendingFocus = useRef<string | null>(null);

  const headerHeight = headRef.current?.offsetHeight ?? 30;
  // Stable while the rows are: the virtualizer re-measures every row when it changes.
  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  // No React Compiler in this build (next.config.js); the virtualizer re-renders us on scroll itself.
  // eslint-disable-next-line react-hooks/incompatible-library -- see above
  const virtualizer = useVirtualizer({
    count: virtual ? rows.length : 0,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    // The header sits above the first row inside the scroller, and stays there (sticky): rows start
    // below it, and a row scrolled to stops below it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    getItemKey,
    // Renders in React's own batch rather than synchronously inside each scroll event.
    useFlushSync: false,
  });
  const items = virtual ? virtualizer.getVirtualItems() : [];
  const first = items[0]?.index ?? 0;
  const shown = virtual ? items.map((item) => rows[item.index]!).filter(Boolean) : rows;
  const padTop = virtual ? (items[0]?.start ?? headerHeight) - headerHeight : 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0) : 0;

  // Column widths while virtualized: measured from the header once, then fixed.
  const columnKey = table
    .getVisibleLeafColumns()
    .map((c) => c.id)
    .join(',');
  const [widths, setWidths] = useState<{ key: string; px: number[] } | null>(null);
  const fixed = virtual && widths?.key === columnKey ? widths.px : null;
  useLayoutEffect(() => {
    if (!virtual || fixed) return;
    const cells = headRef.current?.querySelectorAll('tr:last-child > th');
    if (cells?.length) setWidths({ key: columnKey, px: Array.from(cells, (th) => (th as HTMLElement).offsetWidth) });
  }, [virtual, fixed, columnKey]);

  const tabStop = shown.some((r) => r.id === focusId) ? focusId : (shown[0]?.id ?? null);

  // Focus moves to a row once it is rendered (a virtualized row may first need scrolling to).
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-id="${CSS.escape(id)}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: virtual });
    }
  });

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    const row = rows[clamped];
    if (!row) return;
    setFocusId(row.id);
    pendingFocus.current = row.id;
    if (virtual) virtualizer.scrollToIndex(clamped, { align: 'auto' });
    const el = bodyRef.current?.querySelector<HTMLElement>(`tr[data-row-id="${CSS.escape(row.id)}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: virtual });
    }
  };

  useImperativeHandle(
    cursorRef,
    () => ({
      move: (delta) => {
        const at = rows.findIndex((r) => r.id === focusId);
        focusRow(at < 0 ? (delta > 0 ? delta - 1 : 0) : at + delta);
      },
      activate: () => {
        const row = rows.find((r) => r.id === focusId);
        if (!row || !onRowActivate) return false;
        onRowActivate(row.original);
        return true;
      },
    }),
    // focusRow reads the rows and the virtualizer of this render, as the handle does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [rows, focusId, onRowActivate, virtual],
  );

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

  // Stable handlers for the memoized rows: only rows whose own props change re-render on scroll.
  const latest = useRef({ onKeyDown, onRowActivate });
  useEffect(() => {
    latest.current = { onKeyDown, onRowActivate };
  });
  const [events] = useState<RowEvents<TData>>(() => ({
    focus: (id) => setFocusId(id),
    activate: (original) => latest.current.onRowActivate?.(original),
    keyDown: (event, index, original) => latest.current.onKeyDown(event, index, original),
  }));

  return (
    <div
      ref={scrollerRef}
      data-testid={testId ? `${testId}-scroller` : undefined}
      className={cn(
        'rounded border border-slate-200 dark:border-slate-700',
        virtual ? 'max-h-[calc(100vh-17rem)] min-h-80 overflow-auto overscroll-contain' : 'overflow-x-auto',
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
        data-virtual={virtual || undefined}
        data-hydrated={hydrated || undefined}
      >
        <thead
          ref={headRef}
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
        <tbody
          ref={bodyRef}
          role={fixed ? 'rowgroup' : undefined}
          className={fixed ? 'relative grid' : undefined}
          style={fixed ? { height: virtualizer.getTotalSize() - headerHeight } : undefined}
        >
          {!fixed && padTop > 0 && (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={columnKey.split(',').length} className="p-0" />
            </tr>
          )}
          {shown.map((row, i) => {
            const index = virtual ? first + i : i;
            return (
              <DataRow
                key={row.id}
                row={row}
                table={table}
                index={index}
                columnKey={columnKey}
                virtual={virtual}
                tabStop={row.id === tabStop}
                cursor={row.id === focusId}
                active={activeRowId === row.id}
                events={events}
                top={fixed ? items[i]!.start - headerHeight : undefined}
                widths={fixed}
              />
            );
          })}
          {!fixed && padBottom > 0 && (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={columnKey.split(',').length} className="p-0" />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

interface RowEvents<TData> {
  focus: (id: string) => void;
  activate: (original: TData) => void;
  keyDown: (event: KeyboardEvent<HTMLTableRowElement>, index: number, original: TData) => void;
}

interface DataRowProps<TData extends RowData> {
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

/** One body row; memoized, so scrolling re-renders only the rows that enter the view. */
const DataRow = memo(function DataRow<TData extends RowData>({
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
  return (
    <tr
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
