'use client';

/**
 * The Views menu as /jobs first renders it: its button, named after the view on screen. The menu
 * (its items, the save and delete dialogs) loads when the button is pointed at or focused, and
 * opens when it is used (bench P5).
 */
import { lazyOnIntent } from '@/components/ui/lazy-on-intent';
import { DropdownMenu } from '@/components/ui/menu';

import { useSavedViews } from './use-saved-views';
import type { ViewsMenuProps } from './views-menu';
import { activeViews, ViewsTrigger } from './views-trigger';

export const ViewsMenu = lazyOnIntent<ViewsMenuProps>(
  () => import('./views-menu').then((m) => m.ViewsMenu),
  function ViewsShell({ view, intent }) {
    const saved = useSavedViews();
    return (
      <DropdownMenu.Root onOpenChange={(open) => open && intent.open()}>
        <ViewsTrigger
          viewName={activeViews(view, saved).name}
          onPointerEnter={intent.preload}
          onFocus={intent.preload}
        />
      </DropdownMenu.Root>
    );
  },
  'ViewsMenu',
);
