import { qError } from '@/lib/index-rules';
import { ALL_TAGS } from '@/lib/jobs-search-params';

/**
 * What an operator pasted into the find box: one or more job IDs, a workflow ID, a batch
 * (inventory-trigger) job ID, or else an input object key — CI matches those exactly, so the key is
 * kept as typed (inner spaces included), only trimmed at the ends. Browser-safe.
 */
export type FindTarget =
  | { kind: 'jobs'; ids: string[] }
  | { kind: 'workflow'; id: string }
  | { kind: 'batch'; id: string }
  | { kind: 'inputObject'; key: string }
  | { kind: 'empty' };

const JOB_ID = /^[jac][0-9a-f]{32}$/;
const WORKFLOW_ID = /^w[0-9a-f]{32}$/;
const BATCH_ID = /^b[0-9a-f]{32}$/;
export const MAX_LOOKUP_IDS = 50;

export function classifyFind(text: string): FindTarget {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  const tokens = trimmed.split(/[\s,;]+/).filter(Boolean);
  if (tokens.every((t) => JOB_ID.test(t))) return { kind: 'jobs', ids: [...new Set(tokens)].slice(0, MAX_LOOKUP_IDS) };
  if (tokens.length === 1 && WORKFLOW_ID.test(trimmed)) return { kind: 'workflow', id: trimmed };
  if (tokens.length === 1 && BATCH_ID.test(trimmed)) return { kind: 'batch', id: trimmed };
  return { kind: 'inputObject', key: trimmed.replace(/^\/+/, '') };
}

/** How far back the find box asks CI for every tag (CI keeps about a month; the link says so). */
export const FIND_CI_RANGE = '30d';
const FIND_CI_DAYS = 30;

/** One place the find box can search: its link, and where it searches in words. */
export interface FindLink {
  href: string;
  /** `all tags · index`, `all tags · CI, last 30 days`, `Transcode · CI`. */
  scope: string;
  /** What it matches, in a sentence ("jobs whose input or output key contains this"). */
  what: string;
  /** The list keys that identify this search's results (for the note on the list, FindResultNote). */
  match: Record<string, string>;
}

export interface FindOptions {
  /** The tag of the view on screen (`all` when it shows every tag; null on a page without one). */
  tag: string | null;
  /** The bucket on screen ('' = the default; URL keys of lib/jobs-search-params.ts). */
  bucket?: string;
  /** The job index can answer now (live or only a little behind): one query over every tag. */
  index: boolean;
}

/**
 * Where the find box takes the operator: every tag by default — in one index query when the job
 * index answers (the "contains" filter `q`, which matches the whole key exactly and any key it is
 * part of, input or output), else CI's exact `inputObject` over every tag for the last 30 days —
 * and, as `here`, the same search in the tag on screen only. Job IDs open the job (any tag).
 */
export function findLinks(
  target: FindTarget,
  { tag, bucket = '', index }: FindOptions,
): { all: FindLink; here: FindLink | null } | null {
  const inBucket: Record<string, string> = bucket ? { bucket } : {};
  const link = (scopeTag: string, param: string, value: string, what: string, viaIndex: boolean): FindLink => {
    const all = scopeTag === ALL_TAGS;
    const extra: Record<string, string> = all && !viaIndex ? { range: FIND_CI_RANGE } : {};
    const match = { tag: scopeTag, [param]: value };
    return {
      href: `/jobs?${new URLSearchParams({ ...inBucket, ...match, ...extra })}`,
      scope: `${all ? 'all tags' : scopeTag} · ${viaIndex ? 'index' : all ? `CI, last ${FIND_CI_DAYS} days` : 'CI'}`,
      what,
      match,
    };
  };
  const pair = (param: string, value: string, what: string, viaIndex = false) => ({
    all: link(ALL_TAGS, param, value, what, viaIndex),
    here: tag === null || tag === ALL_TAGS ? null : link(tag, param, value, what, viaIndex),
  });
  switch (target.kind) {
    case 'jobs': {
      const href =
        target.ids.length === 1
          ? `/jobs/${target.ids[0]}${bucket ? `?${new URLSearchParams(inBucket)}` : ''}`
          : `/jobs/lookup?${new URLSearchParams({ ids: target.ids.join(','), ...inBucket })}`;
      const what = `Open ${target.ids.length === 1 ? 'this job' : `these ${target.ids.length} jobs`}`;
      return { all: { href, scope: 'any tag', what, match: {} }, here: null };
    }
    case 'workflow':
      return pair('workflow', target.id, 'Jobs of this workflow');
    case 'batch':
      return pair('trigger', target.id, 'Jobs of this batch job');
    case 'inputObject':
      // `q` has its own length rules (lib/index-rules); a key outside them is looked up exactly in CI.
      return index && qError(target.key) === null
        ? pair(
            'q',
            target.key,
            'Jobs whose input or output key (or message) contains this: the whole key, or part of a longer one',
            true,
          )
        : pair('input', target.key, 'Jobs whose input is exactly this key (CI matches input objects exactly)');
    default:
      return null;
  }
}
