import { describe, expect, it } from 'vitest';

import { createDataset } from '@/emulator';
import { explainFailure, KNOWN_FAILURE_CODES } from '@/lib/ci/failure-catalog';

describe('failure catalog', () => {
  it('explains every failure code the emulator produces, with a meaning and an action', () => {
    const now = Date.now();
    const dataset = createDataset({ baseTime: now });
    const codes = new Set(dataset.jobs.map((j) => j.failure?.code).filter((c): c is string => Boolean(c)));
    expect(codes.size).toBeGreaterThan(3);
    for (const code of codes) expect(KNOWN_FAILURE_CODES, String(code)).toContain(code);
  });

  it('says plainly when a code is unknown', () => {
    expect(explainFailure('BrandNewCode')).toMatchObject({ code: 'BrandNewCode', retryable: false });
    expect(explainFailure(null).code).toBe('Unknown');
    expect(explainFailure('ResourceDownloadFailed').retryable).toBe(true);
  });
});
