/**
 * The numbers of the overview and of failure triage, computed from a collected set of jobs
 * (features/collection/collect-jobs): counts per state, jobs per time bucket by state, durations per tag and
 * failures grouped by CI's code. Pure functions of the jobs, so the charts show exactly what the
 * list would, and the unit tests check every figure.
 */
import { JOB_STATES } from '@/lib/ci/tags';
import type { JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';
import type { FailureCode } from '@/lib/overview';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Known states first (in CI's order), then any state CI sends that this build does not know. */
export function statesOf(counts: Readonly<Record<string, number>>): string[] {
  const extra = Object.keys(counts)
    .filter((s) => !(JOB_STATES as readonly string[]).includes(s))
    .sort();
  return [...JOB_STATES, ...extra];
}

/** Jobs per state; every known state is present (0 when none). */
export function countByState(jobs: readonly JobListItem[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(JOB_STATES.map((s) => [s, 0]));
  for (const job of jobs) counts[job.state || 'Unknown'] = (counts[job.state || 'Unknown'] ?? 0) + 1;
  return counts;
}

export type SlotUnit = 'hour' | 'day';

/** Hours up to a week (168 bars); days beyond, where hourly bars would be too thin to read or click. */
export function slotUnitFor(spanMs: number): SlotUnit {
  return spanMs <= 7 * DAY_MS ? 'hour' : 'day';
}

export interface TimeSlot {
  /** First instant of the slot (ms). */
  start: number;
  /** Last whole second inside it (ms): the inclusive `to` of a list filter for just this slot. */
  end: number;
  total: number;
  /** Jobs per state created in the slot. */
  counts: Record<string, number>;
}

/**
 * Jobs per hour (or day) of creation between `from` and `to`, every slot present even when
 * empty so gaps show as gaps. Slots start on whole hours/days of the zone `offsetMinutes` gives
 * (the time-zone preference), so a bar matches the clock the operator reads.
 */
export function slotsByCreation(
  jobs: readonly JobListItem[],
  {
    from,
    to,
    unit,
    offsetMinutes,
  }: { from: number; to: number; unit: SlotUnit; offsetMinutes: (ms: number) => number },
): TimeSlot[] {
  const size = unit === 'hour' ? HOUR_MS : DAY_MS;
  const floor = (ms: number) => {
    const offset = offsetMinutes(ms) * 60_000;
    return Math.floor((ms + offset) / size) * size - offset;
  };
  const slots: TimeSlot[] = [];
  const index = new Map<number, TimeSlot>();
  const empty = () => Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<string, number>;
  // Bounded: a week of hours or a few years of days at most (the caller picks the unit by span).
  for (let start = floor(from); start <= to && slots.length < 5_000;) {
    const next = floor(start + size + HOUR_MS); // + 1 h: a day across a DST change is 23 or 25 hours
    const slot: TimeSlot = {
      start,
      end: Math.max(start, (unit === 'hour' ? start + size : next) - 1000),
      total: 0,
      counts: empty(),
    };
    slots.push(slot);
    index.set(start, slot);
    start = unit === 'hour' ? start + size : next;
  }
  for (const job of jobs) {
    const ms = toMs(job.creationTime);
    if (ms === null) continue;
    const slot = index.get(floor(ms));
    if (!slot) continue;
    slot.total += 1;
    slot.counts[job.state] = (slot.counts[job.state] ?? 0) + 1;
  }
  return slots;
}

/** Seconds a job ran (start to end), for jobs that finished; null otherwise. */
export function runSeconds(job: JobListItem): number | null {
  const start = toMs(job.startTime);
  const end = toMs(job.endTime);
  if (start === null || end === null || end < start) return null;
  return (end - start) / 1000;
}

/** Nearest-rank percentile of sorted values (p in 0–100): always one of the values, never interpolated. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface TagDurations {
  tag: string;
  /** Finished jobs that have both a start and an end time. */
  count: number;
  median: number;
  p90: number;
  max: number;
}

/** Run time per tag of the jobs that ran to the end (Success or Failed), slowest median first. */
export function durationsByTag(jobs: readonly JobListItem[]): TagDurations[] {
  const byTag = new Map<string, number[]>();
  for (const job of jobs) {
    if (job.state !== 'Success' && job.state !== 'Failed') continue;
    const seconds = runSeconds(job);
    if (seconds === null) continue;
    const list = byTag.get(job.tag) ?? [];
    list.push(seconds);
    byTag.set(job.tag, list);
  }
  return [...byTag]
    .map(([tag, values]) => {
      values.sort((a, b) => a - b);
      return {
        tag,
        count: values.length,
        median: percentile(values, 50)!,
        p90: percentile(values, 90)!,
        max: values[values.length - 1]!,
      };
    })
    .sort((a, b) => b.median - a.median || a.tag.localeCompare(b.tag));
}

/** A failure group with the jobs the page holds of it, newest first. */
export interface FailureGroup extends FailureCode {
  jobs: JobListItem[];
}

function tally(values: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

const newestFirst = (a: JobListItem, b: JobListItem) =>
  (toMs(b.creationTime) ?? 0) - (toMs(a.creationTime) ?? 0) || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0);

/** Failed jobs grouped by CI's code, largest group first. Other states are ignored. */
export function groupFailures(jobs: readonly JobListItem[]): FailureGroup[] {
  const failed = jobs.filter((j) => j.state === 'Failed');
  const byCode = new Map<string, JobListItem[]>();
  for (const job of failed) {
    const code = job.code ?? '';
    const list = byCode.get(code) ?? [];
    list.push(job);
    byCode.set(code, list);
  }
  return [...byCode]
    .map(([code, list]): FailureGroup => {
      const sorted = [...list].sort(newestFirst);
      return {
        code,
        count: list.length,
        share: list.length / failed.length,
        latest: sorted[0]?.creationTime ?? null,
        tags: tally(list.map((j) => j.tag)),
        queues: tally(list.map((j) => j.queueId ?? '—')),
        messages: tally(list.map((j) => j.message ?? '')),
        sampled: list.length,
        jobs: sorted,
      };
    })
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}
