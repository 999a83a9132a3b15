/**
 * The notices above the jobs table (features/jobs/live-notices): the held-jobs bar counts and shows,
 * the finished notice sums up, links each job (a plain click opens it beside the list, the link
 * itself leads to the job's page) and dismisses.
 */
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NuqsTestingAdapter } from 'nuqs/adapters/testing';
import { describe, expect, it, vi } from 'vitest';

import { LeftJobsNotice, NewJobsBar } from '@/features/jobs/live-notices';
import type { JobListItem } from '@/lib/ci/types';

const held = [{ jobId: 'j1' }, { jobId: 'j2' }, { jobId: 'j3' }] as JobListItem[];

describe('NewJobsBar', () => {
  it('says how many are held, a floor when the whole page is new, and shows them on click', async () => {
    const onShow = vi.fn();
    const { rerender } = render(<NewJobsBar held={held} more={false} onShow={onShow} />);
    const bar = screen.getByTestId('new-jobs');
    expect(bar.textContent).toContain('3 new since you looked');
    await userEvent.click(bar);
    expect(onShow).toHaveBeenCalledOnce();
    rerender(<NewJobsBar held={held} more onShow={onShow} />);
    expect(screen.getByTestId('new-jobs').textContent).toContain('3+ new since you looked');
    rerender(<NewJobsBar held={[]} more={false} onShow={onShow} />);
    expect(screen.queryByTestId('new-jobs')).toBeNull();
  });
});

describe('LeftJobsNotice', () => {
  it('sums up, links each job to its page and opens it on a plain click, and dismisses', async () => {
    const onOpen = vi.fn();
    const onDismiss = vi.fn();
    render(
      <NuqsTestingAdapter searchParams="?bucket=media-1250000001">
        <LeftJobsNotice
          left={[
            { jobId: 'ja', state: 'Success' },
            { jobId: 'jb', state: 'Failed' },
          ]}
          onOpen={onOpen}
          onDismiss={onDismiss}
        />
      </NuqsTestingAdapter>,
    );
    const notice = screen.getByTestId('left-jobs');
    expect(notice.textContent).toContain('2 finished: 1 Success, 1 Failed');
    const links = screen.getAllByTestId('left-job');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/jobs/ja?bucket=media-1250000001',
      '/jobs/jb?bucket=media-1250000001',
    ]);
    await userEvent.click(links[1]!);
    expect(onOpen).toHaveBeenCalledWith('jb');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss the finished jobs notice' }));
    expect(onDismiss).toHaveBeenCalledOnce();
  });
});
