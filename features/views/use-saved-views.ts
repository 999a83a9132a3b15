'use client';

/**
 * The operator's saved views, wherever they are kept: on the server per user when login is on
 * (GET/PUT/DELETE /api/views), else in this browser. The server says which (GET /api/views answers
 * `storage`), so the page needs no configuration of its own.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { deleteView, fetchViews, putView, VIEWS_QUERY_KEY, type ViewsAnswer } from '@/features/views/views-api';
import { ApiError } from '@/lib/fetch-json';
import { parseViewInput, type SavedView, type ViewProblem } from '@/lib/saved-views';

import { removeLocalView, saveLocalView, useLocalViews } from './local-views';

export type ViewsStorage = 'account' | 'browser' | 'unknown';

/** Where the views are kept, as the menu and the save dialog say it. */
export const WHERE_VIEWS_ARE: Record<ViewsStorage, string> = {
  account: 'saved to your account',
  browser: 'saved in this browser',
  unknown: 'checking where views are kept…',
};

export interface SavedViews {
  storage: ViewsStorage;
  views: SavedView[];
  /** Why the views could not be read (the menu says so). */
  error: string | null;
  save: (name: string, query: string) => Promise<ViewProblem | null>;
  remove: (name: string) => Promise<ViewProblem | null>;
}

function problemOf(error: unknown): ViewProblem {
  if (error instanceof ApiError) {
    const field = error.field === 'name' || error.field === 'query' ? error.field : 'body';
    return { field, message: error.message };
  }
  return { field: 'body', message: 'The view could not be saved; try again.' };
}

export function useSavedViews(): SavedViews {
  const client = useQueryClient();
  const answer = useQuery({
    queryKey: VIEWS_QUERY_KEY,
    queryFn: ({ signal }) => fetchViews(signal),
    staleTime: 60_000,
    retry: 1,
  });
  const local = useLocalViews();
  const storage: ViewsStorage = answer.data?.storage ?? 'unknown';

  const save = useCallback(
    async (name: string, query: string): Promise<ViewProblem | null> => {
      const parsed = parseViewInput({ name, query });
      if (!parsed.ok) return parsed.problem;
      if (storage === 'unknown')
        return { field: 'body', message: 'Still finding out where views are kept; try again in a moment.' };
      if (storage === 'browser') return saveLocalView(parsed.view);
      try {
        client.setQueryData<ViewsAnswer>(VIEWS_QUERY_KEY, await putView(parsed.view));
        return null;
      } catch (error) {
        return problemOf(error);
      }
    },
    [client, storage],
  );

  const remove = useCallback(
    async (name: string): Promise<ViewProblem | null> => {
      if (storage === 'unknown')
        return { field: 'body', message: 'Still finding out where views are kept; try again in a moment.' };
      if (storage === 'browser') return removeLocalView(name);
      try {
        client.setQueryData<ViewsAnswer>(VIEWS_QUERY_KEY, await deleteView(name));
        return null;
      } catch (error) {
        return problemOf(error);
      }
    },
    [client, storage],
  );

  return {
    storage,
    views: storage === 'browser' ? local : (answer.data?.views ?? []),
    error: answer.isError
      ? answer.error instanceof Error
        ? answer.error.message
        : 'The saved views could not be read.'
      : null,
    save,
    remove,
  };
}
