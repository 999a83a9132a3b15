/** The steady-rate data set: ids found without a map, queues within MaxConcurrent, old jobs aged out. */
import { afterAll, describe, expect, it } from 'vitest';

import { viewAt } from '@/emulator';
import { createSteadyDataset } from '@/emulator/plan/steady';

import { BASE, startHarness } from './harness';
import { jobsOf } from './signed-fetch';

const dataset = createSteadyDataset({
  seed: 11,
  baseTime: BASE,
  bucket: 'demo-1250000000',
  region: 'ap-guangzhou',
  jobsPerHour: 600,
  days: 3,
});

describe('steady-rate data set', () => {
  it('holds rate × (days + 1) jobs in creation order, each found by its id', () => {
    expect(dataset.jobCount).toBe(600 * 24 * 4);
    for (const [, list] of dataset.byTag)
      for (let i = 1; i < list.length; i += 97)
        expect(list.at(i)!.creationMs).toBeGreaterThanOrEqual(list.at(i - 1)!.creationMs);
    for (const job of dataset.jobs.slice(0, 3000)) expect(dataset.find(job.jobId)?.jobId).toBe(job.jobId);
    expect(dataset.find('j' + '0'.repeat(32))).toBeUndefined();
  });

  it('never runs more jobs in a queue than its MaxConcurrent, and some queue is busy', () => {
    let busiest = 0;
    for (let t = BASE - 2 * 86_400_000; t <= BASE; t += 3 * 3_600_000) {
      const running = new Map<string, number>();
      for (const job of dataset.jobs)
        if (viewAt(job, t)?.state === 'Running') running.set(job.queueId, (running.get(job.queueId) ?? 0) + 1);
      for (const q of dataset.queues) {
        expect(running.get(q.queueId) ?? 0, q.name).toBeLessThanOrEqual(q.maxConcurrent);
        busiest = Math.max(busiest, (running.get(q.queueId) ?? 0) / q.maxConcurrent);
      }
    }
    expect(busiest).toBeGreaterThan(0.3);
  });
});

describe('retention through GET /jobs', () => {
  const ready = startHarness({ steady: { jobsPerHour: 600, days: 3 }, settings: { retentionMs: 86_400_000 } });
  afterAll(async () => (await ready).emu.close());

  it('lists no job older than the retention window, and none by id either', async () => {
    const h = await ready;
    const reply = await h.get('/jobs', { tag: 'Transcode', orderByTime: 'Asc', size: '5' });
    const oldest = jobsOf(reply)[0]!;
    expect(Date.parse(String(oldest.CreationTime).replace(/(\d{2})(\d{2})$/, '$1:$2'))).toBeGreaterThanOrEqual(
      BASE - 86_400_000,
    );
    const aged = h.emu.dataset.byTag.get('Transcode')!.at(0)!;
    expect(aged.creationMs).toBeLessThan(BASE - 2 * 86_400_000);
    expect(jobsOf(await h.get(`/jobs/${aged.jobId}`))).toEqual([]);
  });
});
