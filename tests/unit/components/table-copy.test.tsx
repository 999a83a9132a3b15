/**
 * The table's copy buttons (components/ui/copy-cell): plain markup in each row, one click handler
 * and one announcement for the table. A click or Enter/Space on a row's button copies that row's
 * value, marks that button only ("Copied", or "Copy failed" when the clipboard refuses), says so
 * once to screen readers, does not open the row, and the mark goes after a moment.
 */
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { DataTable } from '@/components/data-table/data-table';
import { dataTableFeatures } from '@/components/data-table/features';
import { COPIED_MS, copyIcon } from '@/components/ui/copy-cell';

interface Item {
  id: string;
  name: string;
}

const column = createColumnHelper<typeof dataTableFeatures, Item>();
const columns = column.columns([
  column.accessor('name', {
    header: 'Name',
    cell: (info) => (
      <span>
        {info.row.original.name} {copyIcon(info.row.original.id, `ID ${info.row.original.id}`)}
      </span>
    ),
    meta: { label: 'Name' },
  }),
]);
const ITEMS: Item[] = Array.from({ length: 5 }, (_, i) => ({ id: `job${i}`, name: `Job ${i}` }));

function Page({ onOpen }: { onOpen: (item: Item) => void }) {
  const table = useTable({ features: dataTableFeatures, columns, data: ITEMS, getRowId: (item) => item.id });
  return <DataTable table={table} label="Jobs" onRowActivate={onOpen} testId="t" />;
}

function setup() {
  const onOpen = vi.fn<(item: Item) => void>();
  const user = userEvent.setup(); // with its own clipboard, read back by navigator.clipboard.readText
  render(<Page onOpen={onOpen} />);
  const button = (id: string) => screen.getByRole('button', { name: `Copy ID ${id}` });
  const marked = () =>
    Array.from(document.querySelectorAll('button[data-copied]'), (b) => [
      b.getAttribute('data-copy'),
      b.getAttribute('data-copied'),
      b.getAttribute('title'),
    ]);
  const status = () => screen.getByRole('status').textContent;
  return { user, onOpen, button, marked, status };
}

afterEach(() => vi.restoreAllMocks());

describe('table copy buttons', () => {
  it('a click copies its own row value, marks that button only, announces it, and does not open the row', async () => {
    const { user, onOpen, button, marked, status } = setup();
    expect(button('job2').getAttribute('title')).toBe('Copy ID job2');
    await user.click(button('job2'));
    expect(await navigator.clipboard.readText()).toBe('job2');
    await vi.waitFor(() => expect(marked()).toEqual([['job2', 'copied', 'Copied']]));
    expect(status()).toBe('Copied');
    expect(onOpen).not.toHaveBeenCalled();
    // Another copy marks its own button; the text copied is the new one.
    await user.click(button('job4'));
    expect(await navigator.clipboard.readText()).toBe('job4');
    await vi.waitFor(() => expect(marked().map(([id]) => id)).toContain('job4'));
  });

  it('Enter and Space on a focused copy button copy it without opening the row', async () => {
    const { user, onOpen, button, marked } = setup();
    button('job1').focus();
    await user.keyboard('{Enter}');
    expect(await navigator.clipboard.readText()).toBe('job1');
    await vi.waitFor(() => expect(marked()).toEqual([['job1', 'copied', 'Copied']]));
    button('job3').focus();
    await user.keyboard(' ');
    expect(await navigator.clipboard.readText()).toBe('job3');
    expect(onOpen).not.toHaveBeenCalled();
    // A click elsewhere in a row still opens it.
    await user.click(screen.getByText('Job 0'));
    expect(onOpen).toHaveBeenCalledWith(ITEMS[0]);
  });

  it('a refused clipboard says "Copy failed" on that button and to screen readers', async () => {
    const { user, button, marked, status } = setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    await user.click(button('job0'));
    await vi.waitFor(() => expect(marked()).toEqual([['job0', 'failed', 'Copy failed']]));
    expect(status()).toBe('Copy failed');
  });

  it('the mark and the announcement go after a moment', async () => {
    const { user, button, marked, status } = setup();
    await user.click(button('job3'));
    await vi.waitFor(() => expect(marked()).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, COPIED_MS + 100));
    expect(marked()).toEqual([]);
    expect(button('job3').getAttribute('title')).toBe('Copy ID job3');
    expect(status()).toBe('');
  });
});
