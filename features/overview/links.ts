/**
 * Links between the whole-set views (overview, triage) and the jobs list, carrying the filters:
 * the same URL keys everywhere (lib/jobs-search-params), so a bar, a tile or a failure group opens
 * exactly the jobs it counted. Browser-safe and pure.
 */
// nuqs/server: the same serializer, importable by the server pages too (defaultScopeHref) and by tests.
import { createSerializer } from 'nuqs/server';

import { toIsoSeconds } from '@/lib/format';
import { activeFilters, ALL_TAGS, CLEARABLE_KEYS, jobsSearchParams, type JobsView } from '@/lib/jobs-search-params';
import { findPreset, presetWindow } from '@/lib/ranges';

/** The keys that say which jobs a view covers (not how the list pages, sorts or what it has open). */
export const SCOPE_KEYS = ['bucket', 'tag', ...CLEARABLE_KEYS] as const;
type ScopeKey = (typeof SCOPE_KEYS)[number];
export type Scope = Pick<JobsView, ScopeKey>;
export type ScopePatch = { [K in ScopeKey]?: JobsView[K] | null };

const serialize = createSerializer(jobsSearchParams);

export function scopeOf(view: JobsView): Scope {
  return Object.fromEntries(SCOPE_KEYS.map((k) => [k, view[k]])) as Scope;
}

/** `/jobs?…` (or another path) for the scope with some keys changed; null removes a key. */
export function scopeHref(
  path: '/jobs' | '/overview' | '/triage',
  scope: Scope,
  patch: ScopePatch = {},
  extra: Record<string, string> = {},
): string {
  const merged = { ...scope, ...patch };
  const search = new URLSearchParams(serialize(merged).replace(/^\?/, ''));
  for (const [k, v] of Object.entries(extra)) search.set(k, v);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** The list filtered to the jobs created in [start, end] (ms, inclusive, whole seconds). */
export function timePatch(start: number, end: number): ScopePatch {
  return { range: 'custom', from: toIsoSeconds(start), to: toIsoSeconds(end) };
}

/** The scope in words for a support summary: `Tag all · Created from 2026-… · Queue p…`. */
export function describeScope(view: JobsView): string {
  const preset = findPreset(view.range);
  const parts = [
    view.tag === ALL_TAGS ? 'All tags' : `Tag ${view.tag}`,
    ...activeFilters(view)
      // A preset says itself in words; "custom" adds nothing to its from/to.
      .filter((f) => f.key !== 'range' || preset)
      .map((f) => (f.key === 'range' && preset ? `Created ${preset.label.toLowerCase()}` : `${f.label} ${f.value}`)),
  ];
  return parts.join(' · ');
}

/** What an overview counts when a link names no filter at all: every tag, the last 24 hours. */
export const DEFAULT_SCOPE_RANGE = '24h';

/**
 * For a whole-set page (overview, triage) reached without any filter: the same page with the
 * defaults written into the address (tag=all, range=24h anchored at `now`), so the URL always says
 * what is counted and a copied link counts the same jobs. null when the link names a filter.
 */
export function defaultScopeHref(
  path: '/overview' | '/triage',
  searchParams: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): string | null {
  // The bucket says where to look, not which jobs: a link naming only it still gets the defaults.
  if (SCOPE_KEYS.some((k) => k !== 'bucket' && searchParams[k] !== undefined)) return null;
  const preset = findPreset(DEFAULT_SCOPE_RANGE)!;
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(searchParams))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) search.append(k, one);
  search.set('tag', ALL_TAGS);
  search.set('range', preset.value);
  // A span preset: the same window in every zone.
  search.set('from', presetWindow(preset, now, 'utc').from);
  return `${path}?${search.toString()}`;
}
