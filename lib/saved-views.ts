/**
 * Saved views of /jobs: a name and the /jobs query string that selects the jobs (filters, order,
 * page size, sorting), without the position in it (page, tokens) or the open job. Browser-safe: the
 * browser checks a view before saving it, and the server checks it again with the same function
 * (app/api/views) before it stores it — by the /jobs URL's rules, i.e. the GET /jobs schema.
 *
 * A view with a relative range (`range=1h`) is kept without `from`/`to`: it means "the last hour"
 * whenever it is applied, and the jobs browser anchors `from` at that moment (as for any preset).
 */
import { createLoader } from 'nuqs/server';

import {
  jobsSearchParams,
  KEY_LABELS,
  RANGE_PRESETS,
  validateView,
  type JobsView,
  type JobsViewKey,
} from './jobs-search-params';

export interface SavedView {
  name: string;
  /** The canonical /jobs query (see canonicalViewQuery), without a leading "?". */
  query: string;
}

/**
 * Built-ins name no tag: they apply to the tag on screen ("Failed, last hour" of Snapshot jobs too).
 * A saved view always names its tag, since what an operator saved is the jobs they looked at.
 */
export interface BuiltInView extends SavedView {
  /** What the view shows, in a sentence (the menu's description). */
  description: string;
}

export const MAX_VIEWS_PER_USER = 100;
export const MAX_NAME_LENGTH = 60;
export const MAX_QUERY_LENGTH = 2_000;

/**
 * Where a view is not: its position in the list and the open job belong to one visit; the bucket is
 * where the operator looks, a view is what they look for — it applies to the bucket on screen.
 */
const POSITION_KEYS: readonly JobsViewKey[] = ['page', 'tokens', 'job', 'bucket'];
/** The keys a view keeps, in the order of the URL declaration (so the canonical form is stable). */
const VIEW_KEYS = (Object.keys(jobsSearchParams) as JobsViewKey[]).filter(
  (k): k is Exclude<JobsViewKey, 'bucket'> => !POSITION_KEYS.includes(k),
);

const loadView = createLoader(jobsSearchParams);

/** What a view holds and is compared on: every URL key but the bucket (a view applies to any bucket). */
type ViewState = Omit<JobsView, 'bucket'>;

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

function defaultText(key: JobsViewKey): string {
  const parser = jobsSearchParams[key] as { defaultValue?: string | string[] };
  return parser.defaultValue === undefined ? '' : text(parser.defaultValue);
}

/**
 * One spelling per view: the view keys only, in a fixed order, defaults left out (but the tag, which
 * is always named unless `withoutTag`), and a preset range without the instants it was anchored to.
 * Two URLs showing the same jobs give the same string, which is how the menu knows which view is
 * the current one.
 */
export function canonicalViewQuery(
  input: string | URLSearchParams | ViewState,
  options: { withoutTag?: boolean } = {},
): string {
  const view = typeof input === 'object' && !(input instanceof URLSearchParams) ? input : loadView(input);
  const preset = RANGE_PRESETS.some((p) => p.value === view.range);
  const out = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    if (preset && (key === 'from' || key === 'to')) continue;
    if (key === 'tag') {
      if (!options.withoutTag) out.set(key, view.tag);
      continue;
    }
    const value = text(view[key]);
    if (value !== '' && value !== defaultText(key)) out.set(key, value);
  }
  return out.toString();
}

/** Whether the view on screen is this one (a built-in matches on any tag). */
export function viewMatches(current: ViewState, view: SavedView, builtIn: boolean): boolean {
  return canonicalViewQuery(current, { withoutTag: builtIn }) === view.query;
}

/** The URL state to apply for a view: all its keys, the others cleared; a built-in keeps the tag; the bucket stays. */
export function stateForView(view: SavedView, builtIn: boolean, currentTag: string): ViewState {
  const state: Partial<JobsView> & ViewState = viewState(view.query);
  delete state.bucket;
  return { ...state, ...(builtIn ? { tag: currentTag } : {}) };
}

/** The whole URL state a query stands for: every key of the view, and the others at their defaults. */
export function viewState(query: string): JobsView {
  return loadView(query);
}

export const BUILT_IN_VIEWS: readonly BuiltInView[] = [
  { name: 'Failed, last hour', query: 'states=Failed&range=1h', description: 'Failed in the last hour' },
  { name: 'Failed, last 24 h', query: 'states=Failed&range=24h', description: 'Failed in the last 24 hours' },
  { name: 'Running now', query: 'states=Running', description: 'Running now' },
  { name: 'Queued (Submitted)', query: 'states=Submitted&order=asc', description: 'Waiting in a queue, oldest first' },
  {
    name: 'Slowest today',
    query: 'states=Success&range=24h&size=100&sort=-duration',
    description: 'Succeeded in the last 24 h, longest first (of 100)',
  },
].map((v) => ({ ...v, query: canonicalViewQuery(v.query, { withoutTag: true }) }));

export function isBuiltInName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return BUILT_IN_VIEWS.some((v) => v.name.toLowerCase() === n);
}

export interface ViewProblem {
  field: 'name' | 'query' | 'body';
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function checkViewName(name: unknown): ViewProblem | null {
  if (typeof name !== 'string') return { field: 'name', message: 'The view needs a name (text, 1–60 characters).' };
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > MAX_NAME_LENGTH) {
    return {
      field: 'name',
      message: `A view name is 1–${MAX_NAME_LENGTH} characters (this one has ${trimmed.length}).`,
    };
  }
  // Control characters would print as nothing in the menu and could not be told apart.
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    return { field: 'name', message: 'A view name cannot contain control characters.' };
  // Half of a UTF-16 pair is no character: it cannot travel in a URL (DELETE ?name=…), so such a view
  // could never be deleted.
  if (LONE_SURROGATE.test(trimmed))
    return { field: 'name', message: 'A view name must be valid Unicode text (it has half of a character pair).' };
  if (isBuiltInName(trimmed))
    return { field: 'name', message: `"${trimmed}" is a built-in view; choose another name.` };
  return null;
}

/**
 * A view's query must be one the /jobs page would accept as it is: known keys, each once, every
 * value valid (lib/jobs-search-params validateView), and nothing about the position in the list.
 */
export function checkViewQuery(query: unknown): ViewProblem | null {
  if (typeof query !== 'string')
    return { field: 'query', message: 'The view needs a query: the /jobs search parameters, as text.' };
  const raw = query.startsWith('?') ? query.slice(1) : query;
  if (raw.length > MAX_QUERY_LENGTH)
    return {
      field: 'query',
      message: `A view's query is at most ${MAX_QUERY_LENGTH} characters (this one has ${raw.length}).`,
    };
  const params = new URLSearchParams(raw);
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) return { field: 'query', message: `"${key}" appears more than once in the query.` };
    seen.add(key);
    if ((POSITION_KEYS as readonly string[]).includes(key)) {
      return {
        field: 'query',
        message: `"${key}" (${KEY_LABELS[key as JobsViewKey]}) is a place in one list, not part of a view; leave it out.`,
      };
    }
    if (!(VIEW_KEYS as readonly string[]).includes(key)) {
      return { field: 'query', message: `"${key}" is not a /jobs parameter; a view may hold ${VIEW_KEYS.join(', ')}.` };
    }
  }
  const { issues } = validateView(viewState(raw));
  const first = issues[0];
  return first ? { field: 'query', message: `${first.label}: ${first.message}` } : null;
}

/** A PUT /api/views body, checked: `{ name, query }` → the view as stored (trimmed, canonical). */
export function parseViewInput(body: unknown): { ok: true; view: SavedView } | { ok: false; problem: ViewProblem } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problem: { field: 'body', message: 'Send a JSON object: { "name": "…", "query": "states=Failed&range=1h" }.' },
    };
  }
  const { name, query } = body as { name?: unknown; query?: unknown };
  const problem = checkViewName(name) ?? checkViewQuery(query);
  if (problem) return { ok: false, problem };
  return {
    ok: true,
    view: { name: (name as string).trim(), query: canonicalViewQuery((query as string).replace(/^\?/, '')) },
  };
}

/** Adds or replaces (by name, ignoring case) a view; refuses a new one past the limit. */
export function upsertView(views: readonly SavedView[], view: SavedView): SavedView[] | ViewProblem {
  const key = view.name.toLowerCase();
  const index = views.findIndex((v) => v.name.toLowerCase() === key);
  if (index >= 0) return views.map((v, i) => (i === index ? view : v));
  if (views.length >= MAX_VIEWS_PER_USER) {
    return { field: 'name', message: `You have ${MAX_VIEWS_PER_USER} views, the most there can be; delete one first.` };
  }
  return [...views, view];
}

export function removeView(views: readonly SavedView[], name: string): SavedView[] {
  const key = name.trim().toLowerCase();
  return views.filter((v) => v.name.toLowerCase() !== key);
}

/** Keeps only well-formed views (a hand-edited store or localStorage must not break the menu). */
export function sanitizeViews(raw: unknown): SavedView[] {
  if (!Array.isArray(raw)) return [];
  const out: SavedView[] = [];
  for (const item of raw) {
    const parsed = parseViewInput(item);
    if (parsed.ok && !out.some((v) => v.name.toLowerCase() === parsed.view.name.toLowerCase())) out.push(parsed.view);
    if (out.length >= MAX_VIEWS_PER_USER) break;
  }
  return out;
}
