'use client';

/**
 * The Views menu's button, named after the view on screen: the same in the menu (views-menu) and
 * before the menu's code is loaded (lazy-views-menu), so nothing changes when it arrives.
 */
import type { ComponentProps, Ref } from 'react';

import { cn, focusRing } from '@/components/ui/cn';
import { Caret, DropdownMenu } from '@/components/ui/menu';
import type { JobsView } from '@/lib/jobs-search-params';
import { BUILT_IN_VIEWS, viewMatches } from '@/lib/saved-views';

import type { SavedViews } from './use-saved-views';

/** The built-in and the saved view the screen shows, if any (a saved one names the button first). */
export function activeViews(view: JobsView, saved: SavedViews) {
  const builtIn = BUILT_IN_VIEWS.find((v) => viewMatches(view, v, true));
  const mine = saved.views.find((v) => viewMatches(view, v, false));
  return { builtIn, saved: mine, name: mine?.name ?? builtIn?.name ?? null };
}

export function ViewsTrigger({
  viewName,
  ref,
  ...props
}: { viewName: string | null; ref?: Ref<HTMLButtonElement> } & Omit<
  ComponentProps<typeof DropdownMenu.Trigger>,
  'ref'
>) {
  return (
    <DropdownMenu.Trigger
      ref={ref}
      data-testid="views-button"
      className={cn(
        'inline-flex h-8 max-w-80 items-center gap-1 rounded border border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-800 hover:bg-slate-50',
        'dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800',
        focusRing,
      )}
      {...props}
    >
      <span className="truncate">{viewName ? `View: ${viewName}` : 'Views'}</span>
      <Caret />
    </DropdownMenu.Trigger>
  );
}
