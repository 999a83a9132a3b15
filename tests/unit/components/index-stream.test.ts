/**
 * features/jobs/index-stream: "Load all"'s read of the index, with a stand-in reader in place of
 * api/job-stream's fetch. It starts reading when opened (not when React renders), hands the jobs
 * over in order in growing batches, and keeps what it read when stopped or when it fails.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { StreamEnd, streamIndexJobs } from '@/features/jobs/api/job-stream';
import { openIndexStream } from '@/features/jobs/index-stream';
import type { JobListItem } from '@/lib/ci/types';

const job = (n: number) => ({ jobId: `j${n}` }) as JobListItem;
const jobs = (from: number, count: number) => Array.from({ length: count }, (_, i) => job(from + i));

/** A reader the test feeds by hand: `send` a chunk of jobs, then `end` or `fail` the answer. */
function manualReader() {
  let onJobs: (jobs: JobListItem[]) => void = () => undefined;
  let settle: { resolve: (end: StreamEnd) => void; reject: (error: unknown) => void } | null = null;
  const calls: { query: string; limit: number; signal: AbortSignal }[] = [];
  const read: typeof streamIndexJobs = (query, options) => {
    calls.push({ query, limit: options.limit, signal: options.signal });
    onJobs = options.onJobs;
    return new Promise<StreamEnd>((resolve, reject) => {
      settle = { resolve, reject };
      options.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
  };
  return {
    read,
    calls,
    send: (batch: JobListItem[]) => onJobs(batch),
    end: (complete = true) => settle?.resolve({ complete }),
    fail: (error: Error) => settle?.reject(error),
  };
}

const ids = (list: JobListItem[]) => list.map((j) => j.jobId);

describe('openIndexStream', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('starts the request when opened, before anything subscribes', () => {
    const reader = manualReader();
    openIndexStream('tag=Transcode', { limit: 10_000, read: reader.read });
    expect(reader.calls.map(({ query, limit }) => ({ query, limit }))).toEqual([
      { query: 'tag=Transcode', limit: 10_000 },
    ]);
  });

  it('hands jobs over in order, each batch at least doubling what was handed before', async () => {
    const reader = manualReader();
    const stream = openIndexStream('q', { limit: 10_000, read: reader.read });
    const seen: number[] = [];
    stream.subscribe(() => seen.push(stream.getSnapshot().jobs.length));
    reader.send(jobs(0, 60));
    expect(seen).toEqual([]); // under the first batch of 100
    reader.send(jobs(60, 60));
    expect(seen).toEqual([120]);
    reader.send(jobs(120, 100));
    expect(seen).toEqual([120]); // 100 < 120 handed
    reader.send(jobs(220, 30));
    expect(seen).toEqual([120, 250]);
    reader.send(jobs(250, 10));
    reader.end();
    await vi.waitFor(() => expect(stream.getSnapshot().status).toBe('done'));
    // The last jobs and the end arrive in one change.
    expect(seen).toEqual([120, 250, 260]);
    expect(ids(stream.getSnapshot().jobs)).toEqual(ids(jobs(0, 260)));
    expect(stream.getSnapshot()).toMatchObject({ complete: true, error: null });
  });

  it('shows a slow answer’s jobs after MAX_WAIT_MS, and the same snapshot between changes', () => {
    const reader = manualReader();
    const stream = openIndexStream('q', { limit: 10_000, read: reader.read });
    reader.send(jobs(0, 5));
    const before = stream.getSnapshot();
    expect(stream.getSnapshot()).toBe(before);
    vi.advanceTimersByTime(500);
    expect(ids(stream.getSnapshot().jobs)).toEqual(ids(jobs(0, 5)));
    expect(stream.getSnapshot()).not.toBe(before);
  });

  it('stop aborts the request and keeps the jobs read; a new read starts from them', async () => {
    const reader = manualReader();
    const first = openIndexStream('q', { limit: 10_000, read: reader.read });
    reader.send(jobs(0, 150));
    reader.send(jobs(150, 20));
    first.stop();
    expect(reader.calls[0]!.signal.aborted).toBe(true);
    await vi.waitFor(() => expect(first.getSnapshot().status).toBe('stopped'));
    expect(ids(first.getSnapshot().jobs)).toEqual(ids(jobs(0, 170)));

    const again = openIndexStream('q', { limit: 10_000, kept: first.getSnapshot().jobs, read: reader.read });
    expect(ids(again.getSnapshot().jobs)).toEqual(ids(jobs(0, 170)));
    reader.send(jobs(0, 200)); // the answer repeats what was kept: the caller de-duplicates
    reader.end(false);
    await vi.waitFor(() => expect(again.getSnapshot().status).toBe('done'));
    expect(again.getSnapshot().jobs).toHaveLength(370);
    expect(again.getSnapshot().complete).toBe(false);
  });

  it('a failed answer keeps its jobs and says why; listeners are told once per change', async () => {
    const reader = manualReader();
    const stream = openIndexStream('q', { limit: 10_000, read: reader.read });
    const listener = vi.fn();
    const unsubscribe = stream.subscribe(listener);
    reader.send(jobs(0, 30));
    reader.fail(new Error('cut'));
    await vi.waitFor(() => expect(stream.getSnapshot().status).toBe('error'));
    expect(stream.getSnapshot()).toMatchObject({ status: 'error', complete: false, error: new Error('cut') });
    expect(stream.getSnapshot().jobs).toHaveLength(30);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    stream.stop();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
