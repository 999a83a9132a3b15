/** GET/PUT/DELETE /api/views — the signed-in user's saved views (see app/api/views). */
import { fetchJson } from '@/lib/fetch-json';
import type { SavedView } from '@/lib/saved-views';

export type ViewsAnswer =
  { storage: 'account'; user: string; views: SavedView[] } | { storage: 'browser'; views: SavedView[] };

export const VIEWS_QUERY_KEY = ['views'] as const;

export function fetchViews(signal?: AbortSignal): Promise<ViewsAnswer> {
  return fetchJson<ViewsAnswer>('/api/views', signal);
}

export function putView(view: SavedView): Promise<ViewsAnswer> {
  return fetchJson<ViewsAnswer>('/api/views', undefined, { method: 'PUT', json: view });
}

export function deleteView(name: string): Promise<ViewsAnswer> {
  return fetchJson<ViewsAnswer>(`/api/views?${new URLSearchParams({ name })}`, undefined, { method: 'DELETE' });
}
