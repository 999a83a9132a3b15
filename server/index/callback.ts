/**
 * CI's callbacks (a queue's NotifyConfig pointing at POST /api/ci/callback?token=…): TaskFinish
 * carries the finished job's JobsDetail, as XML or JSON (ci-api-reference.md, D-CB); WorkflowFinish
 * names its tasks' job IDs. The body is read as untrusted: only the job fields the index stores
 * are taken from it (through the same reader as CI's answers), and a body that is not one of
 * these is refused whole before anything is written.
 */
import 'server-only';

import { createHash, timingSafeEqual } from 'node:crypto';

import { JOB_ID } from '@/lib/ci/params';
import type { Job, XmlTree } from '@/lib/ci/types';
import { jobElementOf, jobElements, jobsOfTree, parseCiXml, toListItem, XmlParseError } from '@/server/ci/xml';

export const CALLBACK_MAX_BYTES = 1024 * 1024;
const MAX_JOBS = 100;

/** Compares in time independent of where they differ (and of their lengths: both are hashed). */
export function tokenMatches(given: string | null, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return given !== null && timingSafeEqual(digest(given), digest(expected));
}

/** A job of a TaskFinish body, with its element as CI's XML carries it (for the detail's Original XML). */
export interface CallbackJob {
  job: Job;
  xml: string;
}

export type CallbackBody =
  { kind: 'jobs'; jobs: CallbackJob[] } | { kind: 'workflow'; jobIds: string[] } | { kind: 'invalid'; message: string };

/** JSON values as the XML reader sees them: every leaf a string, like parseTagValue: false. */
function asTree(value: unknown, depth = 0): XmlTree {
  if (depth > 32) throw new XmlParseError('the body nests too deeply');
  if (Array.isArray(value)) return value.map((v) => asTree(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asTree(v, depth + 1)]));
  }
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function parseCallback(body: string, contentType: string): CallbackBody {
  let root: Record<string, XmlTree>;
  let json = false;
  const text = body.trim();
  try {
    if (contentType.includes('json') || text.startsWith('{')) {
      json = true;
      const tree = asTree(JSON.parse(text));
      if (typeof tree !== 'object' || Array.isArray(tree))
        return { kind: 'invalid', message: 'The body is not a JSON object' };
      root = tree;
    } else {
      root = parseCiXml(text);
    }
  } catch (error) {
    return {
      kind: 'invalid',
      message: `The body could not be read as CI's XML or JSON: ${error instanceof Error ? error.message.slice(0, 200) : 'unreadable'}`,
    };
  }
  const top = (
    root.Response && typeof root.Response === 'object' && !Array.isArray(root.Response) ? root.Response : root
  ) as Record<string, XmlTree>;
  const event = typeof top.EventName === 'string' ? top.EventName : null;
  if (event === 'WorkflowFinish' || (!top.JobsDetail && top.WorkflowExecution)) {
    const ids = new Set<string>();
    const visit = (t: XmlTree | undefined, depth: number) => {
      if (t === undefined || depth > 8) return;
      if (Array.isArray(t)) return t.forEach((x) => visit(x, depth + 1));
      if (typeof t !== 'object') return;
      if (typeof t.JobId === 'string' && JOB_ID.test(t.JobId)) ids.add(t.JobId);
      for (const [k, v] of Object.entries(t)) if (k !== 'JobId') visit(v, depth + 1);
    };
    visit(top.WorkflowExecution, 0);
    if (ids.size === 0) return { kind: 'invalid', message: 'The WorkflowFinish body names no job ID' };
    if (ids.size > MAX_JOBS) return { kind: 'invalid', message: `The body names more than ${MAX_JOBS} jobs` };
    return { kind: 'workflow', jobIds: [...ids] };
  }
  if (event !== null && event !== 'TaskFinish') {
    return { kind: 'invalid', message: `EventName must be TaskFinish or WorkflowFinish, not "${event.slice(0, 40)}"` };
  }
  const jobs = jobsOfTree({ Response: top });
  if (jobs.length === 0) return { kind: 'invalid', message: 'The body has no JobsDetail with a JobId' };
  if (jobs.length > MAX_JOBS) return { kind: 'invalid', message: `The body has more than ${MAX_JOBS} jobs` };
  const bad = jobs.find((j) => !JOB_ID.test(j.jobId) || toListItem(j).creationTime === null || !j.tag || !j.state);
  if (bad) {
    return {
      kind: 'invalid',
      message: `Every JobsDetail needs a JobId (1–64 letters, digits, "-", "_"), a Tag, a State and a CreationTime; "${bad.jobId.slice(0, 64)}" does not have them`,
    };
  }
  return { kind: 'jobs', jobs: withElements(jobs, json ? jsonElements(top.JobsDetail) : jobElements(text)) };
}

function withElements(jobs: readonly Job[], elements: ReadonlyMap<string, string>): CallbackJob[] {
  return jobs.map((job) => ({ job, xml: elements.get(job.jobId) ?? '' }));
}

/** JSON has no XML to keep: each job's fields written as the element CI's XML callback carries. */
function jsonElements(details: XmlTree | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of Array.isArray(details) ? details : details === undefined ? [] : [details]) {
    if (d !== null && typeof d === 'object' && !Array.isArray(d) && typeof d.JobId === 'string')
      out.set(d.JobId, jobElementOf(d));
  }
  return out;
}
