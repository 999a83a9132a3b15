import { describe, expect, it } from 'vitest';
import { adviceFor } from '@/lib/error-advice';
import { collectExtras } from '@/lib/job-extras';
import { backoffMs } from '@/components/jobs/use-live-refresh';
import type { Job } from '@/lib/ci/types';

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
