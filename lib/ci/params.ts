/**
 * The GET /jobs parameters, as the seed page defines them: one schema for the /api/jobs route
 * (which rejects anything else with a 400 naming the field) and for the UI's filters.
 * Browser-safe: no server-only imports.
 */
import { z } from 'zod';

import { ciTimeToMs, formatCiTime, ID_PATTERN, LIST_JOBS_PARAMS, NEXT_TOKEN_PATTERN, toCiTime } from './param-rules';
import { QUEUE_TYPE_CODES, STATE_FILTER_VALUES, TAG_CODES, type StateFilter } from './tags';

// Re-exported: callers import the parameter rules from here, the browser from ./param-rules.
export { ciTimeToMs, formatCiTime, JOB_ID, LIST_JOBS_PARAMS, toCiTime, type ListJobsParamName } from './param-rules';

const idField = (what: string) => z.string().regex(ID_PATTERN, `${what} must be 1–64 letters, digits, "-" or "_"`);

const timeField = (name: string) =>
  z.string().transform((value, ctx) => {
    const ci = toCiTime(value);
    if (ci === null) {
      ctx.addIssue({
        code: 'custom',
        message: `${name} must be a date-time like 2024-01-01T00:00:00+0800 (or ISO 8601 with an offset)`,
      });
      return z.NEVER;
    }
    return ci;
  });

const statesField = z.string().transform((value, ctx) => {
  const items = value.split(',').map((s) => s.trim());
  const bad = items.filter((s) => !(STATE_FILTER_VALUES as readonly string[]).includes(s));
  if (items.length === 0 || bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `states must be a comma-separated list of ${STATE_FILTER_VALUES.join(', ')}${bad.length ? `; "${bad[0]}" is not one` : ''}`,
    });
    return z.NEVER;
  }
  return [...new Set(items)] as StateFilter[];
});

export const listJobsSchema = z
  .object({
    tag: z.enum(TAG_CODES, { error: `tag is required and must be one of: ${TAG_CODES.join(', ')}` }),
    queueId: idField('queueId').optional(),
    queueType: z
      .enum(QUEUE_TYPE_CODES, { error: `queueType must be one of: ${QUEUE_TYPE_CODES.join(', ')}` })
      .optional(),
    workflowId: idField('workflowId').optional(),
    inventoryTriggerJobId: idField('inventoryTriggerJobId').optional(),
    inputObject: z
      .string()
      .min(1, 'inputObject must not be empty')
      .max(850, 'inputObject must be at most 850 characters (the longest COS object key)')
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'inputObject must not contain control characters')
      .optional(),
    orderByTime: z.enum(['Desc', 'Asc'], { error: 'orderByTime must be Desc or Asc' }).optional(),
    nextToken: z.string().regex(NEXT_TOKEN_PATTERN, 'nextToken must be the NextToken of a previous page').optional(),
    size: z
      .string()
      .regex(/^\d{1,3}$/, 'size must be an integer between 1 and 100')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 100, 'size must be an integer between 1 and 100')
      .optional(),
    states: statesField.optional(),
    startCreationTime: timeField('startCreationTime').optional(),
    endCreationTime: timeField('endCreationTime').optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.startCreationTime && p.endCreationTime && ciTimeToMs(p.startCreationTime) > ciTimeToMs(p.endCreationTime)) {
      ctx.addIssue({
        code: 'custom',
        path: ['endCreationTime'],
        message: 'endCreationTime must not be earlier than startCreationTime',
      });
    }
  });

export type ListJobsParams = z.output<typeof listJobsSchema>;

export interface ParamError {
  field: string;
  message: string;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParamError };

/**
 * Validates a query string strictly: unknown names, repeated names and bad values are refused with
 * the field named. Nothing that fails here is ever sent to CI.
 */
export function parseListJobsQuery(search: URLSearchParams): ParseResult<ListJobsParams> {
  const raw: Record<string, string> = {};
  for (const [name, value] of search) {
    if (name === '') {
      return {
        ok: false,
        error: { field: '(unnamed)', message: `A parameter has no name; allowed: ${LIST_JOBS_PARAMS.join(', ')}` },
      };
    }
    if (!(LIST_JOBS_PARAMS as readonly string[]).includes(name)) {
      return {
        ok: false,
        error: {
          field: name,
          message: `Unknown parameter "${truncate(name)}"; allowed: ${LIST_JOBS_PARAMS.join(', ')}`,
        },
      };
    }
    if (name in raw) return { ok: false, error: { field: name, message: `${name} must be given at most once` } };
    raw[name] = value;
  }
  // An empty optional value means "not set", as forms submit it; an empty tag is still missing.
  for (const name of Object.keys(raw)) if (raw[name] === '' && name !== 'tag') delete raw[name];
  const parsed = listJobsSchema.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : 'query'));
  return { ok: false, error: { field, message: issue.message } };
}

function truncate(s: string, n = 40): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/**
 * A bound one second further out, in the same zone. The dashboard's creation-time bounds are
 * inclusive (a job created at 10:00:00 is in "from 10:00:00" and in "until 10:00:00", and the
 * overview's buckets end a second before the next begins); CI's are strict (大于/小于, reference
 * §2.1), so each is widened by the one second times have, and no job on a boundary second is
 * dropped or counted in two adjacent windows.
 */
export function widenBound(ciTime: string, side: 'start' | 'end'): string {
  const zone = /([+-])(\d{2})(\d{2})$/.exec(ciTime);
  const offset = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 480;
  return formatCiTime(ciTimeToMs(ciTime) + (side === 'start' ? -1000 : 1000), offset);
}

/** The CI query for validated params: only what is set, in CI's names and formats (bounds widened, see widenBound). */
export function toCiQuery(p: ListJobsParams): [string, string][] {
  const q: [string, string][] = [['tag', p.tag]];
  if (p.queueId) q.push(['queueId', p.queueId]);
  if (p.queueType) q.push(['queueType', p.queueType]);
  if (p.workflowId) q.push(['workflowId', p.workflowId]);
  if (p.inventoryTriggerJobId) q.push(['inventoryTriggerJobId', p.inventoryTriggerJobId]);
  if (p.inputObject) q.push(['inputObject', p.inputObject]);
  if (p.orderByTime) q.push(['orderByTime', p.orderByTime]);
  if (p.nextToken) q.push(['nextToken', p.nextToken]);
  if (p.size !== undefined) q.push(['size', String(p.size)]);
  if (p.states && p.states.length > 0) q.push(['states', p.states.join(',')]);
  if (p.startCreationTime) q.push(['startCreationTime', widenBound(p.startCreationTime, 'start')]);
  if (p.endCreationTime) q.push(['endCreationTime', widenBound(p.endCreationTime, 'end')]);
  return q;
}
