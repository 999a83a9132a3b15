/**
 * The header's Jobs · Overview · Triage links: the same jobs in another section. From the list, the
 * overview or triage, the filters and bucket on screen go along (not the paging, sorting, open job
 * or triage code, which belong to one page); from anywhere else only the bucket. Browser-safe.
 */
import { SCOPE_KEYS } from '../overview/links';

export type Section = 'jobs' | 'overview' | 'triage';

export const SECTIONS: readonly { id: Section; label: string; path: string }[] = [
  { id: 'jobs', label: 'Jobs', path: '/jobs' },
  { id: 'overview', label: 'Overview', path: '/overview' },
  { id: 'triage', label: 'Triage', path: '/triage' },
];

/** The section a path belongs to (`/jobs/<id>` and `/jobs/lookup` are the jobs'). */
export function sectionOf(pathname: string): Section | undefined {
  return SECTIONS.find((s) => pathname === s.path || pathname.startsWith(`${s.path}/`))?.id;
}

const SCOPED_PATHS = new Set(SECTIONS.map((s) => s.path));

export function sectionHref(target: Section, pathname: string, search: URLSearchParams): string {
  const keep: readonly string[] = SCOPED_PATHS.has(pathname) ? SCOPE_KEYS : ['bucket'];
  const next = new URLSearchParams([...search].filter(([key]) => keep.includes(key)));
  // Triage shows failed jobs whatever `states` says: the list and overview it links to say so too.
  if (pathname === '/triage' && target !== 'triage') next.set('states', 'Failed');
  const path = SECTIONS.find((s) => s.id === target)!.path;
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}
