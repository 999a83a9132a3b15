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

/**
 * Where the find box takes the operator, keeping the tag of the list they are on and the bucket
 * they are looking at ('' = the default; URL keys of lib/jobs-search-params.ts).
 */
export function findHref(target: FindTarget, currentTag: string, bucket = ''): string | null {
  const inBucket: Record<string, string> = bucket ? { bucket } : {};
  const list = (param: string, value: string) =>
    `/jobs?${new URLSearchParams({ ...inBucket, tag: currentTag, [param]: value })}`;
  switch (target.kind) {
    case 'jobs':
      return target.ids.length === 1
        ? `/jobs/${target.ids[0]}${bucket ? `?${new URLSearchParams(inBucket)}` : ''}`
        : `/jobs/lookup?${new URLSearchParams({ ids: target.ids.join(','), ...inBucket })}`;
    case 'workflow':
      return list('workflow', target.id);
    case 'batch':
      return list('trigger', target.id);
    case 'inputObject':
      return list('input', target.key);
    default:
      return null;
  }
}
