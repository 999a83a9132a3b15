/**
 * The /jobs view in the URL: one declaration of every search parameter (nuqs parsers, from which
 * the view's type is inferred), the validation of hand-edited values by the GET /jobs schema
 * (lib/ci/params.ts, the same one /api applies), and the NextToken stack. Browser-safe; used by the
 * client components, by the page's server prefetch and by saved views.
 *
 * URL names are short and readable (`?tag=Transcode&states=Failed&page=3&tokens=a,b&job=j…`).
 * The parsers keep the raw text on purpose: a typed parser (an integer, a literal) would turn
 * `?size=abc` into the default without a word, while the page must name the bad value and offer to
 * remove it. The typed values come out of `validateView`, checked by the schema.
 */
// nuqs/server: the same parsers, importable by the page's server component too (not 'use client').
import { parseAsArrayOf, parseAsString, type inferParserType } from 'nuqs/server';

import { bucketParser } from './bucket-param';
import {
  ALL_TAGS_CURSOR_PATTERN,
  listJobsError as check,
  JOB_ID,
  LIST_JOBS_PARAMS,
  type ListJobsParamName,
} from './ci/params';
import { TAG_CODES } from './ci/tags';
import type { AllTagsPage, JobPage } from './ci/types';
import { codeError, INDEX_CURSOR, qError } from './index-rules';
import { RANGE_PRESETS } from './ranges';

export const DEFAULT_TAG = 'Transcode';
/**
 * `?tag=all`: every tag at once, through GET /api/jobs/all (server/ci/all-tags). Its query has no `tag`
 * and pages with the combined `cursor` instead of CI's NextToken; the token stack holds cursors.
 */
export const ALL_TAGS = 'all';

/** A validated list query without `tag` is the all-tags list (/api/jobs always needs a tag). */
export function isAllTagsQuery(query: string): boolean {
  return !new URLSearchParams(query).has('tag');
}

/**
 * A validated list query with a filter CI lacks (an error code, "contains"): /api/jobs answers it
 * from the job index (server/index), for one tag or `tag=all`, and it pages with the index's cursor.
 */
export function isIndexQuery(query: string): boolean {
  const search = new URLSearchParams(query);
  return search.has('code') || search.has('q');
}

/** An all-tags page as the list shows any page: its combined cursor leads to the next one. */
export function allTagsAsJobPage(page: AllTagsPage): JobPage {
  return { jobs: page.jobs, nextToken: page.cursor };
}

/** The query of one page: the list query plus the token (NextToken, or cursor for all tags) that leads to it. */
export function pageQuery(query: string, token: string | undefined): string {
  if (!token) return query;
  const cursor = isAllTagsQuery(query) || isIndexQuery(query);
  return `${query}&${cursor ? 'cursor' : 'nextToken'}=${encodeURIComponent(token)}`;
}
export const PAGE_SIZES = [10, 20, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 20;

/** The creation-time presets (lib/ranges declares them and their windows). */
export { RANGE_PRESETS } from './ranges';

export const jobsSearchParams = {
  /** The bucket shown ('' = the default); see lib/bucket-param.ts. */
  bucket: bucketParser,
  tag: parseAsString.withDefault(DEFAULT_TAG),
  states: parseAsArrayOf(parseAsString).withDefault([]),
  queue: parseAsString.withDefault(''),
  queueType: parseAsString.withDefault(''),
  workflow: parseAsString.withDefault(''),
  trigger: parseAsString.withDefault(''),
  input: parseAsString.withDefault(''),
  /** Error codes, comma-separated (`code` of /api/jobs; the job index answers). */
  codes: parseAsString.withDefault(''),
  /** "Contains": a part of the input or output key or of the message (`q`; the job index answers). */
  q: parseAsString.withDefault(''),
  range: parseAsString.withDefault(''),
  from: parseAsString.withDefault(''),
  to: parseAsString.withDefault(''),
  order: parseAsString.withDefault('desc'),
  size: parseAsString.withDefault(String(DEFAULT_PAGE_SIZE)),
  page: parseAsString.withDefault(''),
  tokens: parseAsArrayOf(parseAsString).withDefault([]),
  job: parseAsString.withDefault(''),
  sort: parseAsString.withDefault(''),
};

/** The view as the URL gives it: every key, each at its default when absent. */
export type JobsView = inferParserType<typeof jobsSearchParams>;
export type JobsViewKey = keyof JobsView;

/** Filters an operator sets (the ones the empty state lists and "clear filters" removes). */
export const CLEARABLE_KEYS = [
  'states',
  'queue',
  'queueType',
  'workflow',
  'trigger',
  'input',
  'codes',
  'q',
  'range',
  'from',
  'to',
] as const;

export const KEY_LABELS: Record<JobsViewKey, string> = {
  bucket: 'Bucket',
  tag: 'Tag',
  states: 'States',
  queue: 'Queue',
  queueType: 'Queue type',
  workflow: 'Workflow ID',
  trigger: 'Inventory-trigger job ID',
  input: 'Input object',
  codes: 'Error code',
  q: 'Contains',
  range: 'Created',
  from: 'Created from',
  to: 'Created until',
  order: 'Order',
  size: 'Page size',
  page: 'Page',
  tokens: 'Page tokens',
  job: 'Open job',
  sort: 'Sort',
};

/** URL key → GET /jobs parameter, for the keys that are passed through. */
const API_NAME: Partial<Record<JobsViewKey, ListJobsParamName>> = {
  queue: 'queueId',
  queueType: 'queueType',
  workflow: 'workflowId',
  trigger: 'inventoryTriggerJobId',
  input: 'inputObject',
  from: 'startCreationTime',
  to: 'endCreationTime',
  size: 'size',
};
const URL_KEY_OF_API = new Map<string, JobsViewKey>(
  [...Object.entries(API_NAME)].map(([k, v]) => [v, k as JobsViewKey]),
);
URL_KEY_OF_API.set('tag', 'tag');
URL_KEY_OF_API.set('states', 'states');
URL_KEY_OF_API.set('orderByTime', 'order');
URL_KEY_OF_API.set('nextToken', 'tokens');
URL_KEY_OF_API.set('cursor', 'tokens');
URL_KEY_OF_API.set('code', 'codes');
URL_KEY_OF_API.set('q', 'q');

export interface ViewIssue {
  key: JobsViewKey;
  label: string;
  value: string;
  message: string;
}

export const SORTABLE_COLUMNS = [
  'jobId',
  'tag',
  'state',
  'progress',
  'input',
  'queue',
  'created',
  'duration',
  'output',
] as const;

export interface SortSpec {
  id: string;
  desc: boolean;
}

/** `-progress` → progress descending; `created` → ascending; '' → none. */
export function parseSort(value: string): SortSpec | null {
  if (!value) return null;
  const desc = value.startsWith('-');
  const id = desc ? value.slice(1) : value;
  return (SORTABLE_COLUMNS as readonly string[]).includes(id) ? { id, desc } : null;
}

export function serializeSort(spec: SortSpec | null): string {
  return spec ? `${spec.desc ? '-' : ''}${spec.id}` : '';
}

/** The page number the token stack implies: tokens hold the NextTokens that led to this page. */
export function pageOf(tokens: readonly string[]): number {
  return tokens.length + 1;
}

export function pushToken(tokens: readonly string[], nextToken: string): string[] {
  return [...tokens, nextToken];
}

export function popToken(tokens: readonly string[]): string[] {
  return tokens.slice(0, -1);
}

export function currentToken(tokens: readonly string[]): string | undefined {
  return tokens.length ? tokens[tokens.length - 1] : undefined;
}

/**
 * Checks every value of the view and builds the GET /api/jobs query for it (without the paging
 * token). Each bad value becomes one issue naming its field, in the operator's words; the query is
 * null when any value that would be sent is bad, so nothing invalid is ever requested.
 *
 * `buckets`: the configured bucket names, when known (the page passes them); a view naming another
 * bucket is then an issue. The query starts with `bucket=…` when the view names one.
 */
export function validateView(
  view: JobsView,
  buckets?: readonly string[],
): { query: string | null; issues: ViewIssue[] } {
  const issues: ViewIssue[] = [];
  const add = (key: JobsViewKey, message: string, value?: string) =>
    issues.push({ key, label: KEY_LABELS[key], value: value ?? String(view[key]), message });

  const bucket = view.bucket;
  if (bucket !== '' && buckets && !buckets.includes(bucket)) {
    add(
      'bucket',
      `"${bucket}" is not a bucket this dashboard shows; pick one of ${buckets.join(', ')} (remove it for the default).`,
    );
  }

  const allTags = view.tag === ALL_TAGS;
  const tagOk = allTags || (TAG_CODES as readonly string[]).includes(view.tag);
  if (!tagOk)
    add('tag', `"${view.tag}" is not a job tag; pick one of the list (e.g. ${DEFAULT_TAG}) or "${ALL_TAGS}".`);
  // All tags are checked by one tag's rules, as /api/jobs/all does (server/ci/all-tags-params).
  const tag = tagOk && !allTags ? view.tag : DEFAULT_TAG;

  const pairs: [string, string][] = [['tag', tag]];
  const attempt = (key: JobsViewKey, name: string, value: string) => {
    const error = check([
      ['tag', tag],
      [name, value],
    ]);
    // A bound is named as the operator knows it ("Created from: 2026-02-30 is not a date").
    const message = key === 'from' || key === 'to' ? error?.message.replace(name, KEY_LABELS[key]) : error?.message;
    if (error) add(key, message!, value);
    else pairs.push([name, value]);
  };

  if (view.states.length) attempt('states', 'states', view.states.join(','));
  for (const key of Object.keys(API_NAME) as JobsViewKey[]) {
    const value = view[key];
    if (typeof value === 'string' && value !== '') attempt(key, API_NAME[key]!, value);
  }
  if (view.order === 'desc' || view.order === 'asc') pairs.push(['orderByTime', view.order === 'asc' ? 'Asc' : 'Desc']);
  else add('order', 'Order must be "desc" (newest first) or "asc" (oldest first).');

  // The filters only the job index answers; /api/jobs sends them there (lib/index-rules has its rules).
  const indexPairs: [string, string][] = [];
  if (view.codes !== '') {
    const error = codeError(view.codes);
    if (error) add('codes', `Error code: ${error.replace(/^code must be/, 'must be')}.`);
    else indexPairs.push(['code', view.codes]);
  }
  if (view.q !== '') {
    const error = qError(view.q);
    if (error) add('q', `Contains: ${error.replace(/^q must/, 'must')}.`);
    else indexPairs.push(['q', view.q]);
  }
  const indexed = view.codes !== '' || view.q !== '';
  if (indexed && view.trigger !== '') {
    add(
      'trigger',
      'CI filters by inventory-trigger job ID on its own; remove it or the error-code and contains filters.',
    );
  }

  if (view.range && view.range !== 'custom' && !RANGE_PRESETS.some((p) => p.value === view.range)) {
    add('range', `Created must be one of ${RANGE_PRESETS.map((p) => p.value).join(', ')} or custom.`);
  }
  if (!issues.some((i) => i.key === 'from' || i.key === 'to')) {
    const both = check(pairs);
    if (both) add(URL_KEY_OF_API.get(both.field) ?? 'to', both.message);
  }

  for (const token of view.tokens) {
    const error = indexed
      ? INDEX_CURSOR.test(token)
        ? null
        : { message: 'A page token of a list from the job index must be the cursor of a previous page' }
      : allTags
        ? ALL_TAGS_CURSOR_PATTERN.test(token)
          ? null
          : { message: 'A page token of the all-tags list must be the cursor of a previous page' }
        : check([
            ['tag', tag],
            ['nextToken', token],
          ]);
    if (error) {
      add('tokens', `${error.message}; start again from page 1.`, token);
      break;
    }
  }
  if (view.page !== '' && view.page !== String(pageOf(view.tokens))) {
    add(
      'page',
      view.tokens.length === 0 && /^\d+$/.test(view.page)
        ? `Page ${view.page} cannot be reopened without the page tokens that led to it; start from page 1.`
        : `Page must match the page tokens (this link holds ${view.tokens.length}, so page ${pageOf(view.tokens)}).`,
    );
  }
  if (view.job !== '' && !JOB_ID.test(view.job)) add('job', 'A job ID is 1–64 letters, digits, "-" or "_".');
  if (view.sort !== '' && !parseSort(view.sort)) {
    add('sort', `Sort must be a column (${SORTABLE_COLUMNS.join(', ')}), with "-" in front for descending.`);
  }

  const blocking = issues.some((i) => i.key !== 'sort' && i.key !== 'job');
  const ordered = LIST_JOBS_PARAMS.flatMap((name) => pairs.filter(([n]) => n === name && !(allTags && n === 'tag')));
  // The index answers every tag at once through /api/jobs itself, which names it `tag=all`.
  if (indexed && allTags) ordered.unshift(['tag', ALL_TAGS]);
  ordered.push(...indexPairs);
  if (bucket !== '') ordered.unshift(['bucket', bucket]);
  return { query: blocking ? null : new URLSearchParams(ordered).toString(), issues };
}

/** The filters an operator set, for the empty state and the "active filters" summary. */
export function activeFilters(view: JobsView): { key: JobsViewKey; label: string; value: string }[] {
  const out: { key: JobsViewKey; label: string; value: string }[] = [];
  for (const key of CLEARABLE_KEYS) {
    const value = view[key];
    const text = Array.isArray(value) ? value.join(', ') : value;
    if (text) out.push({ key, label: KEY_LABELS[key], value: text });
  }
  return out;
}

/** The operator's name for a GET /jobs parameter CI or our API refused (`queueId` → `Queue`). */
export function labelForApiField(field: string): string {
  const key = URL_KEY_OF_API.get(field);
  return key ? KEY_LABELS[key] : field;
}
