/**
 * What an export holds and how its file is named. Browser-safe and pure.
 *
 * - scope `list`: the rows on screen (one page, or the pages loaded with Load more/Load all), in
 *   the table's order; scope `matching`: every job the filters match, collected page by page.
 * - complete: the file holds every job the filters match. A list export is complete only when it
 *   starts at page 1 and CI has no next page; a matching export is not when the collection limit
 *   stopped it. An incomplete file says so in its name (`_partial`) and, for JSON, its header.
 */
import { toIsoSeconds } from '@/lib/format';

export type ExportScope = 'list' | 'matching';
export type ExportFormat = 'csv' | 'json';

export interface JobsExportMeta {
  scope: ExportScope;
  /** The validated list query (lib/jobs-search-params validateView); no `tag` means all tags. */
  query: string;
  /** When the export was made, epoch ms. */
  at: number;
  complete: boolean;
}

/**
 * GET /api/jobs/export of a validated list query: the same filters and order, every tag as `all`;
 * `ndjson` is the list's own read of every match (features/jobs/api/job-stream), not a file.
 */
export function exportUrl(query: string, format: ExportFormat | 'ndjson'): string {
  const search = new URLSearchParams(query);
  search.delete('size');
  if (!search.has('tag')) search.set('tag', 'all');
  search.set('format', format);
  return `/api/jobs/export?${search.toString()}`;
}

/** Paging and page size are how the rows were fetched, not what was asked for. */
const NOT_FILTERS = new Set(['size', 'nextToken', 'cursor']);

/** The filters of a list query, by API parameter name; the all-tags query names `tag: "all"`. */
export function queryFilters(query: string): Record<string, string> {
  const params = new URLSearchParams(query);
  const out: Record<string, string> = {};
  if (!params.has('tag')) out.tag = 'all';
  for (const [name, value] of params) if (!NOT_FILTERS.has(name)) out[name] = value;
  return out;
}

/** Keeps a file name to letters, digits, `-`, `+` and `.`, whatever a filter value holds. */
const safe = (text: string) => text.replace(/[^A-Za-z0-9.+-]+/g, '-').replace(/^-+|-+$/g, '');

/** `2026-11-25T1830Z`: minutes in UTC, without colons (not allowed in Windows file names). */
export function fileStamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/**
 * `ci-jobs_Transcode_Failed+Running_2026-11-25T1830Z.csv`; `all-tags` for every tag; `_list` for
 * the rows on screen; `_partial` when the file does not hold every matching job.
 */
export function exportFileName(meta: JobsExportMeta, format: ExportFormat): string {
  const params = new URLSearchParams(meta.query);
  const parts = ['ci-jobs', safe(params.get('tag') ?? 'all-tags')];
  const states = params.get('states');
  if (states) parts.push(safe(states.split(',').join('+')));
  if (meta.scope === 'list') parts.push('list');
  parts.push(fileStamp(meta.at));
  if (!meta.complete) parts.push('partial');
  return `${parts.join('_')}.${format}`;
}

/** The header of a JSON export (see jobs-json.ts). */
export function exportHeader(meta: JobsExportMeta, count: number) {
  return {
    exportedAt: toIsoSeconds(meta.at),
    scope: meta.scope,
    filters: queryFilters(meta.query),
    count,
    complete: meta.complete,
  };
}
