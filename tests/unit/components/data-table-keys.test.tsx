/**
 * The data table's keyboard handling, in a DOM: the row cursor (↑/↓, Home/End, PageUp/PageDown,
 * j/k on a row), Enter/Space opening the row under it, and the page's j/k/Enter shortcuts
 * (useShortcuts) driving the same cursor — but not while typing or inside a menu.
 */
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';

import { DataTable, type DataTableCursor } from '@/components/data-table/data-table';
import { dataTableFeatures } from '@/components/data-table/features';
import { isActivatable } from '@/features/shortcuts/shortcuts';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';

interface Item {
  id: string;
  name: string;
}

const column = createColumnHelper<typeof dataTableFeatures, Item>();
const columns = column.columns([column.accessor('name', { header: 'Name', meta: { label: 'Name' } })]);
const ITEMS: Item[] = Array.from({ length: 25 }, (_, i) => ({ id: `job${i}`, name: `Job ${i}` }));
/** A full page (VIRTUALIZE_ABOVE rows). */
const PAGE: Item[] = Array.from({ length: 100 }, (_, i) => ({ id: `job${i}`, name: `Job ${i}` }));

/** A page like /jobs: the table, a find box, a menu, and the page's shortcuts bound to the cursor. */
function Page({ onOpen }: { onOpen: (item: Item) => void }) {
  const table = useTable({ features: dataTableFeatures, columns, data: ITEMS, getRowId: (item) => item.id });
  const cursor = useRef<DataTableCursor>(null);
  useShortcuts({
    j: () => cursor.current?.move(1),
    k: () => cursor.current?.move(-1),
    Enter: (event) => !isActivatable(event.target) && (cursor.current?.activate() ?? false),
  });
  return (
    <>
      <input type="search" aria-label="Find a job" />
      <div role="menu" aria-label="Views">
        <button type="button" role="menuitem">
          Running now
        </button>
      </div>
      <DataTable table={table} label="Jobs" onRowActivate={onOpen} cursorRef={cursor} testId="t" />
    </>
  );
}

function setup() {
  const onOpen = vi.fn<(item: Item) => void>();
  const user = userEvent.setup();
  render(<Page onOpen={onOpen} />);
  const rows = screen.getAllByRole('row').slice(1); // after the header row
  const cursorId = () => document.querySelector('tbody tr[data-cursor]')?.getAttribute('data-row-id') ?? null;
  const focusedId = () => (document.activeElement as HTMLElement | null)?.getAttribute('data-row-id') ?? null;
  return { user, onOpen, rows, cursorId, focusedId };
}

describe('DataTable keyboard', () => {
  it('renders every row with one tab stop, and no cursor until a row is focused', () => {
    const { rows, cursorId } = setup();
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.tabIndex === 0).map((r) => r.getAttribute('data-row-id'))).toEqual(['job0']);
    expect(cursorId()).toBeNull();
    expect(screen.getByRole('table', { name: 'Jobs' }).getAttribute('aria-rowcount')).toBe('26');
  });

  it('↓/↑, PageDown/PageUp, End/Home move focus and the cursor, clamped at the ends', async () => {
    const { user, rows, cursorId, focusedId } = setup();
    await user.click(rows[0]!.querySelector('td')!);
    expect(focusedId()).toBe('job0');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(focusedId()).toBe('job2');
    expect(cursorId()).toBe('job2');
    await user.keyboard('{ArrowUp}');
    expect(focusedId()).toBe('job1');
    await user.keyboard('{PageDown}');
    expect(focusedId()).toBe('job11');
    await user.keyboard('{PageUp}{PageUp}');
    expect(focusedId()).toBe('job0');
    await user.keyboard('{End}');
    expect(focusedId()).toBe('job24');
    await user.keyboard('{ArrowDown}');
    expect(focusedId()).toBe('job24');
    await user.keyboard('{Home}');
    expect(focusedId()).toBe('job0');
    // The roving tab stop follows the cursor.
    expect(rows.filter((r) => r.tabIndex === 0).map((r) => r.getAttribute('data-row-id'))).toEqual(['job0']);
  });

  it('Enter and Space open the row under the cursor (a click opens the clicked one)', async () => {
    const { user, onOpen, rows } = setup();
    await user.click(rows[3]!.querySelector('td')!);
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[3]);
    await user.keyboard('{ArrowDown}{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[4]);
    await user.keyboard('{ArrowDown} ');
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[5]);
    expect(onOpen).toHaveBeenCalledTimes(3);
  });

  it('j/k on the page move the cursor from before the first row; Enter opens its row', async () => {
    const { user, onOpen, cursorId, focusedId } = setup();
    await user.keyboard('j');
    expect(cursorId()).toBe('job0');
    expect(focusedId()).toBe('job0');
    await user.keyboard('jjk');
    expect(cursorId()).toBe('job1');
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[1]);
  });

  it('j/k/Enter typed in a field or pressed inside a menu are not shortcuts', async () => {
    const { user, onOpen, cursorId } = setup();
    const box = screen.getByRole('searchbox', { name: 'Find a job' });
    await user.click(box);
    await user.keyboard('jk{Enter}');
    expect((box as HTMLInputElement).value).toBe('jk');
    expect(cursorId()).toBeNull();

    screen.getByRole('menuitem', { name: 'Running now' }).focus();
    await user.keyboard('jj');
    expect(cursorId()).toBeNull();
    expect(onOpen).not.toHaveBeenCalled();

    // Back on the page, the same key is a shortcut again.
    box.blur();
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('j');
    expect(cursorId()).toBe('job0');
  });
});

/** A page of rows, and whether more are on their way (a list accumulating pages). */
function Growing({ growing, items }: { growing: boolean; items: Item[] }) {
  const table = useTable({ features: dataTableFeatures, columns, data: items, getRowId: (item) => item.id });
  return <DataTable table={table} label="Jobs" testId="t" growing={growing} />;
}

describe('DataTable growing', () => {
  it('a full page turns virtual as soon as more rows are being loaded, before they arrive', () => {
    const { rerender } = render(<Growing growing={false} items={PAGE} />);
    const table = screen.getByTestId('t');
    expect(table.hasAttribute('data-virtual')).toBe(false);
    expect(table.querySelectorAll('tbody tr[data-row-id]')).toHaveLength(PAGE.length);

    rerender(<Growing growing items={PAGE} />);
    expect(table.getAttribute('data-virtual')).toBe('true');
    expect(table.getAttribute('aria-rowcount')).toBe(String(PAGE.length + 1));
  });

  it('fewer rows than a page stay plain while more are loaded, every row in the DOM', () => {
    render(<Growing growing items={ITEMS} />);
    const table = screen.getByTestId('t');
    expect(table.hasAttribute('data-virtual')).toBe(false);
    expect(table.querySelectorAll('tbody tr[data-row-id]')).toHaveLength(ITEMS.length);
  });
});
