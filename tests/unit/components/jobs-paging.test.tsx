/**
 * The jobs list's paging against a real TanStack Query: Next stays usable while the page shown is
 * asked again in the background (a pushed change, live refresh: on an indexed server a push comes
 * every second, so the list is being refetched most of the time), and waits only while another
 * page is loading behind the previous one (placeholder), whose token would lead to it again.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { CursorPagination } from '@/components/data-table/cursor-pagination';
import { useJobs } from '@/features/jobs/api/jobs';
import { pagingBusy } from '@/features/jobs/pagination';
import type { JobPage } from '@/lib/ci/types';

/** The list's paging as jobs-browser wires it: the page's answer, its token, and when paging waits. */
function Paging({ query, onNext }: { query: string; onNext: (token: string) => void }) {
  const result = useJobs(query);
  const token = result.data?.nextToken;
  if (!result.data) return null;
  return (
    <>
      <span data-testid="fetching">{String(result.isFetching)}</span>
      <CursorPagination
        page={1}
        loaded={result.data.jobs.length}
        hasNext={Boolean(token)}
        hasPrevious={false}
        onNext={() => token && onNext(token)}
        onPrevious={() => undefined}
        onFirst={() => undefined}
        busy={pagingBusy(result)}
      />
    </>
  );
}

/** GET /api/jobs answered in the order asked, each answer held until the test releases it. */
function heldAnswers() {
  const pending: ((page: JobPage) => void)[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(
      () =>
        new Promise<Response>((resolve) => {
          pending.push((page) => resolve(new Response(JSON.stringify(page), { status: 200 })));
        }),
    ),
  );
  return {
    async answer(page: JobPage) {
      await waitFor(() => expect(pending.length).toBeGreaterThan(0));
      // An async act: the answer's body is read and the query settles before the test looks.
      await act(() => {
        pending.shift()!(page);
        return new Promise<void>((resolve) => setTimeout(resolve, 0));
      });
    },
  };
}

function setup(query: string) {
  const client = new QueryClient();
  const onNext = vi.fn<(token: string) => void>();
  const view = render(
    <QueryClientProvider client={client}>
      <Paging query={query} onNext={onNext} />
    </QueryClientProvider>,
  );
  const rerender = (next: string) =>
    view.rerender(
      <QueryClientProvider client={client}>
        <Paging query={next} onNext={onNext} />
      </QueryClientProvider>,
    );
  return { client, onNext, rerender };
}

const PAGE_1: JobPage = { jobs: [], nextToken: 'token-2' };
const next = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Next ›' });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('jobs paging', () => {
  it('keeps Next usable while the page shown is refetched, and it leads to the next page of the rows on screen', async () => {
    const api = heldAnswers();
    const { client, onNext } = setup('tag=Transcode&size=20');
    await api.answer(PAGE_1);
    await waitFor(() => expect(next().disabled).toBe(false));

    // A pushed change: the lists are invalidated, and this answer is held.
    act(() => void client.invalidateQueries({ queryKey: ['jobs'] }));
    await waitFor(() => expect(screen.getByTestId('fetching').textContent).toBe('true'));
    expect(next().disabled).toBe(false);
    await userEvent.click(next());
    expect(onNext).toHaveBeenCalledWith('token-2');

    await api.answer({ jobs: [], nextToken: 'token-2b' });
    await waitFor(() => expect(screen.getByTestId('fetching').textContent).toBe('false'));
  });

  it('waits while another page loads behind the previous one', async () => {
    const api = heldAnswers();
    const { onNext, rerender } = setup('tag=Transcode&size=20');
    await api.answer(PAGE_1);
    await waitFor(() => expect(next().disabled).toBe(false));

    // Page 2 asked: page 1 stays on screen meanwhile, and its token would ask for page 2 again.
    rerender('tag=Transcode&size=20&nextToken=token-2');
    await waitFor(() => expect(next().disabled).toBe(true));
    await userEvent.click(next());
    expect(onNext).not.toHaveBeenCalled();

    await api.answer({ jobs: [], nextToken: 'token-3' });
    await waitFor(() => expect(next().disabled).toBe(false));
    await userEvent.click(next());
    expect(onNext).toHaveBeenCalledWith('token-3');
  });
});
