/**
 * The phone layout's parts, in a DOM: the job cards (DataCards) keep the table's row cursor —
 * ↓/↑ and Enter, a tap, the page's j/Enter shortcuts, a copy button that does not open the card —
 * and the filters fold behind "Filters (n)" into a sheet on a narrow screen, counting a created
 * range as one filter.
 */
import { createColumnHelper, useTable } from '@tanstack/react-table';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createLoader } from 'nuqs/server';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { DataCards } from '@/components/data-table/data-cards';
import type { DataTableCursor } from '@/components/data-table/data-table';
import { dataTableFeatures } from '@/components/data-table/features';
import { CopyButton } from '@/components/ui/copy-button';
import { filterCount, FoldedFilters } from '@/features/jobs/folded-filters';
import { isActivatable } from '@/features/shortcuts/shortcuts';
import { useShortcuts } from '@/features/shortcuts/use-shortcuts';
import { shortId } from '@/lib/format';
import { jobsSearchParams } from '@/lib/jobs-search-params';

interface Item {
  id: string;
  name: string;
}

const column = createColumnHelper<typeof dataTableFeatures, Item>();
const columns = column.columns([column.accessor('name', { header: 'Name', meta: { label: 'Name' } })]);
const ITEMS: Item[] = Array.from({ length: 12 }, (_, i) => ({ id: `job${i}`, name: `Job ${i}` }));
const renderCard = (item: Item) => (
  <span>
    {item.name} <CopyButton value={item.id} label={`ID ${item.id}`} />
  </span>
);

function Cards({ onOpen }: { onOpen: (item: Item) => void }) {
  const table = useTable({ features: dataTableFeatures, columns, data: ITEMS, getRowId: (item) => item.id });
  const cursor = useRef<DataTableCursor>(null);
  useShortcuts({
    j: () => cursor.current?.move(1),
    Enter: (event) => !isActivatable(event.target) && (cursor.current?.activate() ?? false),
  });
  return (
    <DataCards
      table={table}
      label="Jobs"
      renderCard={renderCard}
      onRowActivate={onOpen}
      activeRowId="job2"
      cursorRef={cursor}
      testId="cards"
    />
  );
}

describe('DataCards', () => {
  function setup() {
    const onOpen = vi.fn<(item: Item) => void>();
    const user = userEvent.setup();
    render(<Cards onOpen={onOpen} />);
    const cards = within(screen.getByRole('list', { name: 'Jobs' })).getAllByRole('listitem');
    const focusedId = () => (document.activeElement as HTMLElement | null)?.getAttribute('data-row-id') ?? null;
    return { user, onOpen, cards, focusedId };
  }

  it('renders each row as a card, one tab stop, the open job marked current', () => {
    const { cards } = setup();
    expect(cards).toHaveLength(12);
    expect(cards.filter((c) => c.tabIndex === 0).map((c) => c.getAttribute('data-row-id'))).toEqual(['job0']);
    expect(cards[2]!.getAttribute('aria-current')).toBe('true');
    expect(screen.getByTestId('cards').hasAttribute('data-virtual')).toBe(false);
  });

  it('a tap opens the card; its copy button copies without opening it', async () => {
    const { user, onOpen, cards } = setup();
    await user.click(within(cards[3]!).getByText(/Job 3/));
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[3]);
    await user.click(within(cards[5]!).getByRole('button', { name: 'Copy ID job5' }));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('↓/↑ move focus between cards and Enter opens the focused one', async () => {
    const { user, onOpen, cards, focusedId } = setup();
    act(() => cards[0]!.focus());
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    expect(focusedId()).toBe('job1');
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[1]);
    await user.keyboard('{End}');
    expect(focusedId()).toBe('job11');
  });

  it("the page's j and Enter drive the same cursor", async () => {
    const { user, onOpen, focusedId } = setup();
    await user.keyboard('jjj');
    expect(focusedId()).toBe('job2');
    await user.keyboard('{Enter}');
    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenLastCalledWith(ITEMS[2]);
  });
});

const loadView = createLoader(jobsSearchParams);

describe('FoldedFilters', () => {
  afterEach(() => {
    // jsdom has no matchMedia; each test sets its own screen.
    Reflect.deleteProperty(window, 'matchMedia');
  });

  function screenWidth(narrow: boolean) {
    window.matchMedia = ((query: string) => ({
      matches: narrow,
      media: query,
      addEventListener: () => {},
      removeEventListener: () => {},
    })) as unknown as typeof window.matchMedia;
  }

  it('counts a created range (range, from, to) as one filter', () => {
    expect(filterCount(loadView('?tag=Transcode'))).toBe(0);
    expect(filterCount(loadView('?tag=Transcode&range=24h&from=2026-11-30T10:00:00Z'))).toBe(1);
    expect(filterCount(loadView('?range=custom&from=2026-11-30T10:00:00Z&to=2026-12-01T10:00:00Z&states=Failed'))).toBe(
      2,
    );
  });

  it('on a narrow screen: "Filters (n)" and a summary; the controls open in a sheet and its button closes it', async () => {
    screenWidth(true);
    const user = userEvent.setup();
    const view = loadView('?tag=Transcode&states=Failed,Running&queueType=Transcoding');
    render(
      <FoldedFilters view={view} done="Show jobs">
        <label>
          Queue type <input />
        </label>
      </FoldedFilters>,
    );
    expect(screen.queryByLabelText('Queue type')).toBeNull();
    expect(screen.getByTestId('filters-summary').textContent).toBe('Transcode · Failed, Running · Transcoding');
    await user.click(screen.getByRole('button', { name: 'Filters (2)' }));
    const sheet = await screen.findByRole('dialog', { name: 'Filters (2)' });
    expect(within(sheet).getByLabelText('Queue type')).toBeTruthy();
    await user.click(within(sheet).getByRole('button', { name: 'Show jobs' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('on a wide screen: the bar as it is, no button', () => {
    screenWidth(false);
    render(
      <FoldedFilters view={loadView('?states=Failed')}>
        <label>
          Queue type <input />
        </label>
      </FoldedFilters>,
    );
    expect(screen.getByLabelText('Queue type')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Filters/ })).toBeNull();
  });
});

describe('shortId', () => {
  it('keeps both ends of a long ID and leaves a short one whole', () => {
    expect(shortId('j3486b7cff3c517d22cbd46da9972c0a0')).toBe('j3486b7cf…72c0a0');
    expect(shortId('j12345')).toBe('j12345');
  });
});
