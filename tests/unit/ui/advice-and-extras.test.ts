import { describe, expect, it } from 'vitest';

import { backoffMs, planRefresh, type RefreshInput } from '@/features/jobs/live-refresh-plan';
import type { Job } from '@/lib/ci/types';
import { adviceFor } from '@/lib/error-advice';
import { isTransient, TRANSIENT_BY_CODE } from '@/lib/error-retry';
import { collectExtras } from '@/lib/job-extras';

describe('adviceFor', () => {
  it('names what to check for CI errors', () => {
    expect(adviceFor({ code: 'SignatureDoesNotMatch', message: '', status: 502 }).hint).toContain('CI_SECRET_KEY');
    expect(adviceFor({ code: 'RequestTimeTooSkewed', message: '', status: 502 }).hint).toContain('clock');
    expect(adviceFor({ code: 'ServiceUnavailable', message: '', status: 502 })).toMatchObject({ transient: true });
    expect(adviceFor({ code: 'RequestTimeout', message: '', status: 504 }).title).toContain('slow');
    expect(adviceFor({ code: 'MalformedResponse', message: '', status: 502 }).transient).toBe(true);
    expect(adviceFor({ code: 'InvalidArgument', message: '', status: 400, field: 'size' })).toMatchObject({
      title: 'The filter "size" is not accepted',
      transient: false,
    });
  });
  it('treats unknown 5xx as transient and unknown 4xx as not', () => {
    expect(adviceFor({ code: 'Weird', message: '', status: 502, upstreamStatus: 503 }).transient).toBe(true);
    expect(adviceFor({ code: 'Weird', message: '', status: 403 }).transient).toBe(false);
  });
  it('says what lib/error-retry decides alone (the list retries on it without loading the words)', () => {
    const codes = [...Object.keys(TRANSIENT_BY_CODE), 'InvalidArgument', 'Weird'];
    for (const code of codes)
      for (const [status, upstreamStatus] of [[400], [403], [502, 503], [502, 404], [500], [0]] as const) {
        const error = { code, message: '', status, upstreamStatus };
        expect(adviceFor(error).transient, `${code} ${status}/${upstreamStatus}`).toBe(isTransient(error));
      }
    // A known code keeps its own answer whatever the status.
    expect(isTransient({ code: 'AccessDenied', status: 502, upstreamStatus: 503 })).toBe(false);
    expect(isTransient({ code: 'SlowDown', status: 429 })).toBe(true);
    expect(isTransient({ code: 'InvalidArgument', status: 500 })).toBe(false);
  });
});

describe('backoffMs', () => {
  it('doubles from 2 s up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
  });
});

describe('collectExtras', () => {
  it('finds every non-empty extra bag with a readable path, and skips config', () => {
    const job = {
      jobId: 'j1',
      extra: { NewTopLevel: 'x' },
      input: { object: 'a', extra: {} },
      operation: {
        config: { Transcode: { Video: { Codec: 'H.264' } } },
        extra: { FreeTranscode: 'true' },
        mediaInfo: {
          format: null,
          video: [{ extra: { FieldOrder: 'progressive' } }, { extra: {} }],
          audio: [],
          subtitle: [],
          extra: {},
        },
        detail: { kind: 'speech', speech: { extra: { SoundHoundResult: { SongList: '' } } } },
      },
    } as unknown as Job;
    expect(collectExtras(job).map((e) => e.path)).toEqual([
      'Job',
      'Operation',
      'Operation › Media info › Video stream 1',
      'Operation › Result › Speech',
    ]);
  });
});

describe('planRefresh', () => {
  const base: RefreshInput = {
    enabled: true,
    failed: false,
    transient: false,
    failures: 0,
    visible: true,
    paused: false,
    active: true,
    // A fixed past window: only active jobs keep it polling (the live window: tests/unit/ui/live-rows.test.ts).
    live: false,
    fetching: false,
    intervalMs: 5_000,
    lastAnswerAt: 1_000_000,
  };
  it('polls on the next interval boundary of the clock, at least half an interval after the last answer', () => {
    expect(planRefresh(base)).toEqual({ mode: 'polling', nextAt: 1_005_000 });
    expect(planRefresh({ ...base, lastAnswerAt: 1_002_300 })).toEqual({ mode: 'polling', nextAt: 1_005_000 });
    expect(planRefresh({ ...base, lastAnswerAt: 1_002_600 })).toEqual({ mode: 'polling', nextAt: 1_010_000 });
    // Viewers whose last answers were anywhere in a window all ask at the same moment.
    const asks = [1_000_100, 1_001_900, 1_002_400].map((t) => planRefresh({ ...base, lastAnswerAt: t }).nextAt);
    expect(new Set(asks)).toEqual(new Set([1_005_000]));
  });
  it('plans nothing while a request is in flight, so requests never overlap', () => {
    expect(planRefresh({ ...base, fetching: true })).toEqual({ mode: 'polling', nextAt: null });
  });
  it('does not poll when idle, paused or hidden', () => {
    expect(planRefresh({ ...base, active: false })).toEqual({ mode: 'idle', nextAt: null });
    expect(planRefresh({ ...base, paused: true })).toEqual({ mode: 'paused', nextAt: null });
    expect(planRefresh({ ...base, visible: false })).toEqual({ mode: 'hidden', nextAt: null });
  });
  it('retries transient errors with back-off even with no active job, and stops on permanent ones', () => {
    expect(planRefresh({ ...base, active: false, failed: true, transient: true, failures: 3 })).toEqual({
      mode: 'retrying',
      nextAt: 1_008_000,
    });
    expect(planRefresh({ ...base, failed: true, transient: false, failures: 1 })).toEqual({
      mode: 'stopped',
      nextAt: null,
    });
    expect(planRefresh({ ...base, enabled: false })).toEqual({ mode: 'stopped', nextAt: null });
  });
});

describe("adviceFor the dashboard's own refusals", () => {
  it('sends a signed-out operator to sign in and retries a rate limit', () => {
    expect(adviceFor({ code: 'Unauthorized', message: '', status: 401 })).toMatchObject({ transient: false });
    expect(adviceFor({ code: 'TooManyRequests', message: '', status: 429 })).toMatchObject({ transient: true });
  });
});
