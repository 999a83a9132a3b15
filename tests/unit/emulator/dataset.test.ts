import { describe, expect, it } from 'vitest';

import { createDataset, viewAt } from '@/emulator';
import { JOB_STATES, tagInfo, TAGS } from '@/lib/ci/tags';

import { BASE } from './harness';

describe('emulator data set', () => {
  const dataset = createDataset({ baseTime: BASE });

  it('is deterministic: the same seed gives the same ids, whatever the start time', () => {
    const again = createDataset({ baseTime: BASE + 86_400_000 });
    expect(again.jobs.map((j) => j.jobId).sort()).toEqual(dataset.jobs.map((j) => j.jobId).sort());
    expect(again.queues.map((q) => q.queueId)).toEqual(dataset.queues.map((q) => q.queueId));
    const other = createDataset({ baseTime: BASE, seed: 7 });
    expect(other.jobs[0]?.jobId).not.toBe(dataset.jobs[0]?.jobId);
  });

  it('has 5,000 jobs by default with CI-shaped ids', () => {
    expect(dataset.jobs).toHaveLength(5000);
    // CI's prefixes: picture jobs c, AI-queue jobs a, media and speech jobs j.
    const prefix = { PicProcess: 'c', AIProcess: 'a' } as Record<string, string>;
    for (const job of dataset.jobs)
      expect(job.jobId).toMatch(new RegExp(`^${prefix[tagInfo(job.tag)!.queueType] ?? 'j'}[0-9a-f]{32}$`));
    expect(new Set(dataset.jobs.map((j) => j.jobId[0]))).toEqual(new Set(['j', 'c', 'a']));
    for (const q of dataset.queues) expect(q.queueId).toMatch(/^p[0-9a-f]{32}$/);
    for (const w of dataset.workflows) expect(w.workflowId).toMatch(/^w[0-9a-f]{32}$/);
    for (const b of dataset.batchJobs) expect(b.jobId).toMatch(/^b[0-9a-f]{32}$/);
    expect(new Set(dataset.jobs.map((j) => j.jobId)).size).toBe(5000);
  });

  it('covers every tag and every state at the start time, even in a tiny data set', () => {
    for (const ds of [dataset, createDataset({ baseTime: BASE, jobCount: 60 })]) {
      const visible = ds.jobs.flatMap((j) => {
        const v = viewAt(j, BASE);
        return v ? [{ tag: j.tag, state: v.state }] : [];
      });
      expect(new Set(visible.map((v) => v.tag))).toEqual(new Set(TAGS.map((t) => t.code)));
      expect(new Set(visible.map((v) => v.state))).toEqual(new Set(JOB_STATES));
    }
  });

  it('weights Transcode and Snapshot highest', () => {
    const counts = new Map<string, number>();
    for (const j of dataset.jobs) counts.set(j.tag, (counts.get(j.tag) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([tag]) => tag);
    expect(ranked.slice(0, 2)).toEqual(['Transcode', 'Snapshot']);
  });

  it('puts jobs in queues of their tag’s queue type, and only Pause jobs in the paused queue', () => {
    const types = new Map(dataset.queues.map((q) => [q.queueId, q]));
    expect(dataset.queues.length).toBeGreaterThanOrEqual(6);
    expect(dataset.queues.filter((q) => q.queueType === 'Transcoding')).toHaveLength(2);
    for (const job of dataset.jobs) {
      const queue = types.get(job.queueId);
      const expected = tagInfo(job.tag)?.queueType;
      if (job.tag === 'Transcode' && queue?.queueType === 'SpeedTranscoding') continue;
      expect(queue?.queueType).toBe(expected);
      expect(queue?.state === 'Paused').toBe(job.outcome === 'Pause');
    }
  });

  it('has workflow-triggered and batch-spawned jobs, and a trickle of future jobs', () => {
    expect(dataset.jobs.filter((j) => j.workflow).length).toBeGreaterThan(200);
    for (const b of dataset.batchJobs)
      expect(dataset.jobs.filter((j) => j.inventoryTriggerJobId === b.jobId).length).toBeGreaterThan(10);
    const future = dataset.jobs.filter((j) => j.creationMs > BASE);
    expect(future.length).toBeGreaterThan(100);
    expect(Math.max(...future.map((j) => j.creationMs))).toBeLessThanOrEqual(BASE + 86_400_000);
    expect(Math.min(...dataset.jobs.map((j) => j.creationMs))).toBeGreaterThanOrEqual(BASE - 31 * 86_400_000);
  });

  it('derives state from the clock: Submitted → Running (rising progress) → Success/Failed', () => {
    const job = dataset.jobs.find((j) => viewAt(j, BASE)?.state === 'Submitted' && j.outcome !== 'Cancel');
    expect(job).toBeDefined();
    if (!job || job.startMs === null || job.endMs === null) return;
    expect(viewAt(job, job.creationMs - 1000)).toBeNull();
    const mid = viewAt(job, (job.startMs + job.endMs) / 2);
    expect(mid?.state).toBe('Running');
    const later = viewAt(job, job.startMs + ((job.endMs - job.startMs) * 3) / 4);
    expect(later?.progress).toBeGreaterThan(mid?.progress ?? 100);
    expect(['Success', 'Failed']).toContain(viewAt(job, job.endMs)?.state);
  });

  it('fails jobs whose input or permissions are wrong at once, at 0 %, and others anywhere', () => {
    const failed = dataset.jobs.filter((j) => j.outcome === 'Failed' && j.startMs !== null && j.endMs !== null);
    const atStart = failed.filter(
      (j) => j.failure?.code === 'ResourceNotFound' || j.failure?.code === 'CIRoleNotExist',
    );
    expect(atStart.length).toBeGreaterThan(10);
    for (const j of atStart) {
      expect(j.failProgress).toBe(0);
      expect(j.endMs! - j.startMs!).toBeLessThanOrEqual(2_000);
      expect(viewAt(j, j.endMs!)).toMatchObject({ state: 'Failed', progress: 0 });
    }
    expect(failed.some((j) => j.failProgress > 0)).toBe(true);
  });
});
