/**
 * components/data-table/use-lazy-virtualizer: a list that turns virtual shows the rows at its
 * current scroll offset at once (worked out from the size estimate while the virtualizer's code
 * loads), and the virtualizer takes over at that same offset — not at the top, where it would start
 * if it waited for the next scroll event (the bug that made the first attempt at loading it late fail).
 */
import { act, render, screen, waitFor } from '@testing-library/react';
import { useCallback, useRef } from 'react';
import { describe, expect, it } from 'vitest';

import { useLazyVirtualizer } from '@/components/data-table/use-lazy-virtualizer';

const SIZE = 33;

function List({ count }: { count: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const scroller = useCallback(() => ref.current, []);
  const v = useLazyVirtualizer({ count, scroller, estimate: SIZE, overscan: 2, getItemKey: (i) => `row${i}` });
  return (
    <div ref={ref} data-testid="scroller">
      <output data-testid="state">{v.measureElement ? 'loaded' : 'estimated'}</output>
      <output data-testid="first">{v.items[0]?.index ?? 'none'}</output>
      <output data-testid="last">{v.items.at(-1)?.index ?? 'none'}</output>
      <output data-testid="total">{v.totalSize}</output>
    </div>
  );
}

/** A scroller 330 px high (ten rows), scrolled to row 100 — jsdom lays nothing out. */
function scrolledTo(el: HTMLElement, row: number) {
  for (const [key, value] of Object.entries({ clientHeight: 330, clientWidth: 600, scrollTop: row * SIZE }))
    Object.defineProperty(el, key, { configurable: true, value });
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('useLazyVirtualizer', () => {
  it('shows the rows in view while loading, then the virtualizer takes over at the same offset', async () => {
    const { rerender } = render(<List count={0} />);
    expect(text('first')).toBe('none');
    scrolledTo(screen.getByTestId('scroller'), 100);

    // The list grows past a page: its rows at the scroll offset, in this very render.
    act(() => rerender(<List count={300} />));
    expect(text('state')).toBe('estimated');
    expect(text('first')).toBe('98');
    expect(text('last')).toBe('111');
    expect(text('total')).toBe(String(300 * SIZE));

    // Loaded: the same rows, not the top of the list.
    await waitFor(() => expect(text('state')).toBe('loaded'));
    expect(Number(text('first'))).toBeGreaterThanOrEqual(97);
    expect(Number(text('first'))).toBeLessThanOrEqual(100);
    expect(Number(text('last'))).toBeGreaterThanOrEqual(109);
    expect(text('total')).toBe(String(300 * SIZE));
  });

  it('once loaded, a list that turns virtual uses the virtualizer from its first render', async () => {
    const { preloadVirtualizer } = await import('@/components/data-table/use-lazy-virtualizer');
    await preloadVirtualizer();
    const { rerender } = render(<List count={0} />);
    scrolledTo(screen.getByTestId('scroller'), 200);
    act(() => rerender(<List count={300} />));
    expect(text('state')).toBe('loaded');
    expect(Number(text('first'))).toBeGreaterThanOrEqual(197);
    expect(Number(text('first'))).toBeLessThanOrEqual(200);
  });
});
