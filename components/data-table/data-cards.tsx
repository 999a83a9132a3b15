'use client';

/**
 * The data table's rows as a list of cards, for a phone: the same table instance (its sorted rows,
 * its row ids), the same row cursor and keys (use-row-cursor: roving tabindex, ↑/↓, j/k, Home/End,
 * Enter/Space open the card; a tap opens it too), the page's cursor shortcuts, and a card marked
 * current while its row is open. What a card shows is the caller's (renderCard).
 *
 * Up to VIRTUALIZE_ABOVE cards (one page) every card is rendered in the page's flow. Above that the
 * page itself scrolls (a scroller inside a phone's page traps the thumb), and only the cards near
 * the window are rendered, each measured as it renders (@tanstack/react-virtual's window
 * virtualizer, loaded when first needed: use-lazy-virtualizer), so pages accumulated by "Load more" cost what one does.
 */
import type { ReactTable, Row, RowData } from '@tanstack/react-table';
import { memo, useCallback, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';

import { cn } from '@/components/ui/cn';
import { useHydrated } from '@/components/ui/use-hydrated';

import type { DataTableFeatures } from './features';
import { useLazyVirtualizer } from './use-lazy-virtualizer';
import { useRowCursor, type DataTableCursor, type RowEvents } from './use-row-cursor';
import { VIRTUALIZE_ABOVE } from './use-virtual-rows';

/** A card's height before it is measured, px (a job card is about this). */
const CARD_ESTIMATE = 104;
/** The space between cards, px (virtualized cards are placed by hand, so it is not a CSS gap). */
const GAP = 8;

export function DataCards<TData extends RowData>({
  table,
  label,
  renderCard,
  onRowActivate,
  activeRowId,
  busy,
  testId,
  empty,
  cursorRef,
  className,
  limit,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any selected-state shape
  table: ReactTable<DataTableFeatures, TData, any>;
  label: string;
  /** A card's content; a stable function (module level), so cards re-render only when their row does. */
  renderCard: (row: TData) => ReactNode;
  onRowActivate?: (row: TData) => void;
  activeRowId?: string | null;
  busy?: boolean;
  testId?: string;
  empty?: ReactNode;
  cursorRef?: Ref<DataTableCursor>;
  className?: string;
  /** Render at most this many cards (a first paint that may not be shown: see features/jobs/jobs-table). */
  limit?: number;
}) {
  const rows = table.getRowModel().rows;
  const hydrated = useHydrated();
  const listRef = useRef<HTMLUListElement>(null);
  const virtual = rows.length > VIRTUALIZE_ABOVE;

  // Where the list starts in the page: the virtualizer counts the window's scroll from there.
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    if (!virtual || !listRef.current) return;
    setScrollMargin(listRef.current.getBoundingClientRect().top + window.scrollY);
  }, [virtual]);

  const getItemKey = useCallback((index: number) => rows[index]?.id ?? index, [rows]);
  const virtualizer = useLazyVirtualizer({
    count: virtual ? rows.length : 0,
    scroller: 'window',
    estimate: CARD_ESTIMATE + GAP,
    overscan: 4,
    scrollMargin,
    getItemKey,
  });
  const items = virtual ? virtualizer.items : [];
  const shown = virtual
    ? items.map((item) => rows[item.index]!).filter(Boolean)
    : limit !== undefined
      ? rows.slice(0, limit)
      : rows;

  const { focusId, tabStop, events } = useRowCursor({
    rows,
    shown,
    virtual,
    scrollToIndex: virtualizer.scrollToIndex,
    bodyRef: listRef,
    onRowActivate,
    cursorRef,
  });

  return (
    <div className={className}>
      <ul
        ref={listRef}
        role="list"
        aria-label={label}
        aria-busy={busy || undefined}
        data-testid={testId}
        data-virtual={virtual || undefined}
        data-hydrated={hydrated || undefined}
        className={virtual ? 'relative' : 'flex flex-col gap-2'}
        style={virtual ? { height: virtualizer.totalSize } : undefined}
      >
        {shown.map((row, i) => {
          const item = items[i];
          return (
            <DataCard
              key={row.id}
              row={row}
              index={item?.index ?? i}
              tabStop={row.id === tabStop}
              cursor={row.id === focusId}
              active={activeRowId === row.id}
              events={events}
              top={item ? item.start - scrollMargin : undefined}
              measure={virtual ? virtualizer.measureElement : undefined}
              renderCard={renderCard}
            />
          );
        })}
      </ul>
      {rows.length === 0 && empty}
    </div>
  );
}

interface DataCardProps<TData extends RowData> {
  row: Row<DataTableFeatures, TData>;
  index: number;
  tabStop: boolean;
  cursor: boolean;
  active: boolean;
  events: RowEvents<TData>;
  /** Virtualized: where the card sits in the list, px, and the virtualizer's measuring ref. */
  top?: number;
  measure?: (element: Element | null) => void;
  renderCard: (row: TData) => ReactNode;
}

const DataCard = memo(function DataCard<TData extends RowData>({
  row,
  index,
  tabStop,
  cursor,
  active,
  events,
  top,
  measure,
  renderCard,
}: DataCardProps<TData>) {
  return (
    <li
      ref={measure}
      data-index={index}
      data-row-id={row.id}
      tabIndex={tabStop ? 0 : -1}
      aria-current={active ? 'true' : undefined}
      data-cursor={cursor || undefined}
      onFocus={() => events.focus(row.id)}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, a, input, select')) return;
        events.activate(row.original);
      }}
      onKeyDown={(event) => events.keyDown(event, index, row.original)}
      style={top !== undefined ? { transform: `translateY(${top}px)`, paddingBottom: GAP } : undefined}
      className={cn('outline-none', top !== undefined && 'absolute top-0 left-0 w-full', 'group')}
    >
      <div
        className={cn(
          'cursor-pointer rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900',
          'group-hover:bg-slate-50 dark:group-hover:bg-slate-800/60',
          'group-focus-visible:border-blue-500 group-focus-visible:ring-2 group-focus-visible:ring-blue-500/40',
          active && 'border-blue-400 bg-blue-50 dark:border-blue-600 dark:bg-blue-950/40',
          cursor &&
            'shadow-[inset_3px_0_0_0_var(--color-slate-400)] dark:shadow-[inset_3px_0_0_0_var(--color-slate-500)]',
        )}
      >
        {renderCard(row.original)}
      </div>
    </li>
  );
}) as <TData extends RowData>(props: DataCardProps<TData>) => ReactNode;
