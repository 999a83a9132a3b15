/**
 * Live push on the jobs pages (features/jobs/use-job-events) with a real QueryClient and a scripted
 * EventSource: a pushed change refetches the lists it can alter and the open job it names, and
 * leaves a list of failed jobs alone while other jobs only run.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useJobEvents } from '@/features/jobs/use-job-events';

/** The one stream the hook opens; the test sends it server events. */
class ScriptedEventSource extends EventTarget {
  static CONNECTING = 0;
  static OPEN = 1;
  static CLOSED = 2;
  static last: ScriptedEventSource | null = null;
  readyState = ScriptedEventSource.CONNECTING;
  constructor(readonly url: string) {
    super();
    ScriptedEventSource.last = this;
  }
  close() {
    this.readyState = ScriptedEventSource.CLOSED;
  }
  send(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }
}

const FAILED_LIST = ['jobs', 'tag=Transcode&states=Failed&size=20'];
const RUNNING_LIST = ['jobs', 'tag=Transcode&states=Running&size=20'];
const PLAIN_LIST = ['jobs', 'tag=Transcode&size=20'];
const OPEN_JOB = ['job', '', 'j-running'];
const OTHER_JOB = ['job', '', 'j-other'];

let client: QueryClient;

function setUp() {
  client = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  for (const key of [FAILED_LIST, RUNNING_LIST, PLAIN_LIST, OPEN_JOB, OTHER_JOB]) client.setQueryData(key, {});
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  renderHook(() => useJobEvents({ bucket: '', tag: 'Transcode', enabled: true }), { wrapper });
  return ScriptedEventSource.last!;
}

const stale = (key: unknown[]) => client.getQueryState(key)?.isInvalidated ?? false;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('EventSource', ScriptedEventSource);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('useJobEvents', () => {
  it('opens the stream for the tag on screen', () => {
    expect(setUp().url).toBe('/api/events?tag=Transcode');
  });

  it('a job still running refetches the lists it can alter and that job, not the Failed list', () => {
    const source = setUp();
    act(() => {
      source.send('jobs', { bucket: 'b', tag: 'Transcode', jobs: [{ id: 'j-running', state: 'Running' }] });
      vi.advanceTimersByTime(300);
    });
    expect(stale(RUNNING_LIST)).toBe(true);
    expect(stale(PLAIN_LIST)).toBe(true);
    expect(stale(OPEN_JOB)).toBe(true);
    expect(stale(FAILED_LIST)).toBe(false);
    expect(stale(OTHER_JOB)).toBe(false);
  });

  it('a job that fails refetches the Failed list too', () => {
    const source = setUp();
    act(() => {
      source.send('jobs', { bucket: 'b', tag: 'Transcode', jobs: [{ id: 'j-running', state: 'Running' }] });
      source.send('jobs', { bucket: 'b', tag: 'Transcode', jobs: [{ id: 'j-new', state: 'Failed' }] });
      vi.advanceTimersByTime(300);
    });
    expect(stale(FAILED_LIST)).toBe(true);
  });

  it('an unreadable event or a reset refetches everything shown', () => {
    for (const send of [
      (s: ScriptedEventSource) => s.send('jobs', '{not json'),
      (s: ScriptedEventSource) => s.send('reset', ''),
    ]) {
      const source = setUp();
      act(() => {
        send(source);
        vi.advanceTimersByTime(300);
      });
      for (const key of [FAILED_LIST, RUNNING_LIST, PLAIN_LIST, OPEN_JOB, OTHER_JOB]) expect(stale(key)).toBe(true);
    }
  });
});
