/**
 * The parameters only the job index answers (server/index): an error-code filter, a "contains"
 * search, run-time bounds, every tag at once (`tag=all`), the index as the source of a plain list
 * (`source=index`) and its keyset cursor. They ride beside GET /jobs's own parameters, which keep
 * their one schema in lib/ci/params.ts; this module takes its names off the query, checks them,
 * and lets that schema check the rest. The rules the browser also applies are in lib/index-rules.
 */
import { z } from 'zod';

import { parseListJobsQuery, type ListJobsParams, type ParamError, type ParseResult } from './ci/params';
import { CODE_PATTERN, codeError, INDEX_CURSOR, Q_MIN, qError } from './index-rules';

export { CODE_PATTERN, INDEX_CURSOR, Q_MIN };

export const INDEX_PARAMS = ['code', 'q', 'minDurationSec', 'maxDurationSec', 'source', 'cursor'] as const;
export type IndexParamName = (typeof INDEX_PARAMS)[number];

const MAX_SECONDS = 10_000_000;

const seconds = (name: string) =>
  z
    .string()
    .regex(/^\d{1,8}$/, `${name} must be a whole number of seconds between 0 and ${MAX_SECONDS}`)
    .transform(Number)
    .refine((n) => n <= MAX_SECONDS, `${name} must be a whole number of seconds between 0 and ${MAX_SECONDS}`);

const indexSchema = z
  .object({
    code: z.string().transform((value, ctx) => {
      const error = codeError(value);
      if (error) {
        ctx.addIssue({ code: 'custom', message: error });
        return z.NEVER;
      }
      return [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
    }),
    q: z.string().superRefine((value, ctx) => {
      const error = qError(value);
      if (error) ctx.addIssue({ code: 'custom', message: error });
    }),
    minDurationSec: seconds('minDurationSec'),
    maxDurationSec: seconds('maxDurationSec'),
    source: z.enum(['ci', 'index'], { error: 'source must be ci or index' }),
    cursor: z.string().regex(INDEX_CURSOR, 'cursor must be the cursor of a previous page of this list'),
  })
  .partial()
  .superRefine((p, ctx) => {
    if (p.minDurationSec !== undefined && p.maxDurationSec !== undefined && p.minDurationSec > p.maxDurationSec) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxDurationSec'],
        message: 'maxDurationSec must not be less than minDurationSec',
      });
    }
  });

export type IndexOnlyParams = z.output<typeof indexSchema>;

export interface JobsQuery {
  /** GET /jobs's parameters; `tag` is null for `tag=all`. */
  ci: Omit<ListJobsParams, 'tag'> & { tag: ListJobsParams['tag'] | null };
  index: IndexOnlyParams;
  /** True when only the index can answer (a filter CI lacks, every tag, or source=index). */
  needsIndex: boolean;
}

/**
 * The query of /api/jobs and /api/overview: the index's own parameters checked here, the rest by
 * GET /jobs's schema — every bad value a 400 naming its field, nothing unknown let through.
 */
export function parseJobsQuery(search: URLSearchParams): ParseResult<JobsQuery> {
  const raw: Record<string, string> = {};
  const rest = new URLSearchParams();
  for (const [name, value] of search) {
    if (!(INDEX_PARAMS as readonly string[]).includes(name)) {
      rest.append(name, value);
      continue;
    }
    if (name in raw) return fail(name, `${name} must be given at most once`);
    if (value !== '') raw[name] = value;
  }
  const parsed = indexSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return fail(String(issue.path[0] ?? 'query'), issue.message);
  }
  const index = parsed.data;
  const allTags = rest.getAll('tag').length === 1 && rest.get('tag') === 'all';
  if (allTags) rest.set('tag', 'Transcode'); // a stand-in, so the shared rules check everything else
  const ci = parseListJobsQuery(rest);
  if (!ci.ok) {
    if (ci.error.field === 'tag') return fail('tag', `${ci.error.message}, or all`);
    return ci;
  }
  const needsIndex =
    allTags ||
    index.source === 'index' ||
    index.code !== undefined ||
    index.q !== undefined ||
    index.minDurationSec !== undefined ||
    index.maxDurationSec !== undefined ||
    index.cursor !== undefined;
  if (index.source === 'ci' && needsIndex) {
    const field = allTags ? 'tag' : (INDEX_PARAMS.find((n) => n !== 'source' && index[n] !== undefined) ?? 'source');
    return fail(field, `${field === 'tag' ? 'tag=all' : field} is answered by the job index only; leave out source=ci`);
  }
  if (needsIndex && ci.value.nextToken !== undefined) {
    return fail('nextToken', "nextToken is CI's cursor; a list from the index pages with cursor");
  }
  if (needsIndex && ci.value.inventoryTriggerJobId !== undefined) {
    return fail('inventoryTriggerJobId', 'inventoryTriggerJobId is filtered by CI only; leave out the index filters');
  }
  return { ok: true, value: { ci: { ...ci.value, tag: allTags ? null : ci.value.tag }, index, needsIndex } };
}

function fail(field: string, message: string): { ok: false; error: ParamError } {
  return { ok: false, error: { field, message } };
}
