/**
 * The plain-text summary an operator pastes into a support ticket: for one failed job, or for a
 * group of failures with one code. Only what the dashboard truly has: job ID, code, message,
 * input, tag, queue and times (in UTC ISO, unambiguous in any ticket system), plus a link back.
 *
 * RequestId: CI puts one on each API response (x-ci-request-id), not on jobs; the list a job
 * came from does not tell which request submitted it. The summary says so rather than inventing
 * one, and names the job ID as the key support looks jobs up by.
 */
import { withBucket } from '@/lib/bucket-param';
import { explainFailure } from '@/lib/ci/failure-catalog';
import type { JobListItem } from '@/lib/ci/types';
import { toIsoSeconds, toMs } from '@/lib/format';
import { queueLabel, type QueueNames } from '@/lib/queue-label';

import type { FailureGroup } from '../overview/aggregate';

export const REQUEST_ID_NOTE =
  'not available — CI returns a RequestId per API call, not per job; add the RequestId of the call that submitted the job if you have it';

/** How many jobs a group summary lists one by one (the rest are counted). */
export const GROUP_SUMMARY_JOBS = 20;

function utc(value: string | null): string {
  const ms = toMs(value);
  return ms === null ? '—' : toIsoSeconds(ms);
}

export function describeInput(job: JobListItem): string {
  const input = job.input;
  if (!input) return '—';
  const where = input.object ?? input.url;
  const place = [input.bucket, input.region].filter(Boolean).join(', ');
  if (!where) return place ? `(no object) in ${place}` : '—';
  return place ? `${where} (${place})` : where;
}

export interface SummaryContext {
  /** The dashboard's origin (`https://dash.example.com`) for links back. */
  origin: string;
  /** What the view covered, in words (filters and window), for group summaries. */
  scope?: string;
  /** The bucket shown ('' = the default): job IDs mean something only in their own bucket. */
  bucket?: string;
  /** The queues' names (GET /api/queues), written beside their IDs: `Queue: mts-default (p…)`. */
  queueNames?: QueueNames;
}

const dashboardLink = (jobId: string, { origin, bucket = '' }: SummaryContext) =>
  `Dashboard: ${origin}${withBucket(`/jobs/${jobId}`, bucket)}`;

function jobLines(job: JobListItem, names?: QueueNames): string[] {
  return [
    `Job ID: ${job.jobId}`,
    `Code: ${job.code || '—'}`,
    `Message: ${job.message || '—'}`,
    `Input: ${describeInput(job)}`,
    `Tag: ${job.tag}${job.subTag ? ` (${job.subTag})` : ''}`,
    `Queue: ${queueLabel(job.queueId, names)}${job.queueType ? `, type ${job.queueType}` : ''}`,
    `Created: ${utc(job.creationTime)}`,
    `Started: ${utc(job.startTime)}`,
    `Ended: ${utc(job.endTime)}`,
  ];
}

export function jobSupportSummary(job: JobListItem, context: SummaryContext): string {
  const advice = explainFailure(job.code);
  return [
    `CI job ${job.state === 'Failed' ? 'failure' : job.state}: ${job.jobId}`,
    ...jobLines(job, context.queueNames),
    `RequestId: ${REQUEST_ID_NOTE}`,
    `Meaning: ${advice.meaning}`,
    ...(context.bucket ? [`Bucket: ${context.bucket}`] : []),
    dashboardLink(job.jobId, context),
  ].join('\n');
}

export function groupSupportSummary(group: FailureGroup, context: SummaryContext): string {
  const { scope, bucket, queueNames: names } = context;
  const advice = explainFailure(group.code);
  const shown = group.jobs.slice(0, GROUP_SUMMARY_JOBS);
  const lines = [
    `CI job failures with code ${group.code || '(none)'}: ${group.count} job${group.count === 1 ? '' : 's'}`,
    ...(bucket ? [`Bucket: ${bucket}`] : []),
    ...(scope ? [`Scope: ${scope}`] : []),
    `Meaning: ${advice.meaning}`,
    `Tags: ${group.tags.map(([t, n]) => `${t} ×${n}`).join(', ')}`,
    `Queues: ${group.queues.map(([q, n]) => `${queueLabel(q, names)} ×${n}`).join(', ')}`,
    `Messages: ${group.messages.map(([m, n]) => `"${m || '—'}" ×${n}`).join('; ')}`,
    `Job IDs: ${group.jobs.map((j) => j.jobId).join(', ')}`,
    `RequestId: ${REQUEST_ID_NOTE}`,
    '',
  ];
  shown.forEach((job, i) => {
    lines.push(`#${i + 1}`, ...jobLines(job, names), dashboardLink(job.jobId, context), '');
  });
  if (group.jobs.length > shown.length)
    lines.push(`… and ${group.jobs.length - shown.length} more (all listed under Job IDs above).`);
  return lines.join('\n').trimEnd();
}
