'use client';

/**
 * The row cursor and keys (roving tabindex) of the data table and of its cards (data-cards): the row that has or last had focus is
 * the cursor; ↑/↓ (and j/k), PageUp/PageDown, Home/End move it, Enter/Space open its row. Moving
 * focuses the row, scrolling a virtualized one into view first. The cursor is also offered to the
 * page (DataTableCursor) for its shortcuts (features/shortcuts).
 */
import type { Row, RowData } from '@tanstack/react-table';
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref, type RefObject } from 'react';

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

/** What a row reports; stable for the table's life, so memoized rows do not re-render for it. */
export interface RowEvents<TData> {
  focus: (id: string) => void;
  activate: (original: TData) => void;
  /** `onRow`: the row itself has focus (Enter/Space open it), not a control inside it. */
  keyDown: (event: KeyboardEvent<HTMLElement>, index: number, original: TData, onRow?: boolean) => void;
}

const MOVES: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, j: 1, k: -1 };

export function useRowCursor<TData extends RowData>({
  rows,
  shown,
  virtual,
  scrollToIndex,
  bodyRef,
  onRowActivate,
  cursorRef,
}: {
  rows: Row<DataTableFeatures, TData>[];
  shown: Row<DataTableFeatures, TData>[];
  virtual: boolean;
  scrollToIndex: (index: number) => void;
  /** What holds the rows (a table body, a list of cards): each marked `data-row-id`. */
  bodyRef: RefObject<HTMLElement | null>;
  onRowActivate?: (row: TData) => void;
  cursorRef?: Ref<DataTableCursor>;
}) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);

  // Compared as data, not put in a selector: an ID needs no escaping then.
  const rowElement = (id: string) =>
    Array.from(bodyRef.current?.querySelectorAll<HTMLElement>('[data-row-id]') ?? []).find(
      (tr) => tr.dataset.rowId === id,
    ) ?? null;

  // Focus moves to a row once it is rendered (a virtualized row may first need scrolling to).
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = rowElement(id);
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
    if (virtual) scrollToIndex(clamped);
    const el = rowElement(row.id);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: virtual });
    }
  };

  // Where a move starts: the row still waiting for focus (a virtualized row being scrolled to), so
  // keys pressed faster than rows render add up instead of repeating the same step.
  const from = (index: number) => {
    const pending = pendingFocus.current;
    const at = pending === null ? -1 : rows.findIndex((r) => r.id === pending);
    return at < 0 ? index : at;
  };

  useImperativeHandle(
    cursorRef,
    () => ({
      move: (delta) => {
        const at = from(rows.findIndex((r) => r.id === focusId));
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

  const onKeyDown = (
    event: KeyboardEvent<HTMLElement>,
    index: number,
    original: TData,
    onRow = event.target === event.currentTarget,
  ) => {
    if (event.key in MOVES) {
      event.preventDefault();
      focusRow(from(index) + MOVES[event.key]!);
    } else if (event.key === 'Home') {
      event.preventDefault();
      focusRow(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      focusRow(rows.length - 1);
    } else if ((event.key === 'Enter' || event.key === ' ') && onRow) {
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
    keyDown: (event, index, original, onRow) => latest.current.onKeyDown(event, index, original, onRow),
  }));

  return {
    /** The row under the cursor. */
    focusId,
    /** The one row reached by Tab: the cursor's if shown, else the first shown. */
    tabStop: shown.some((r) => r.id === focusId) ? focusId : (shown[0]?.id ?? null),
    events,
  };
}
