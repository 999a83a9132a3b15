'use client';

/**
 * The Export menu as /jobs first renders it: its button only. The exporters (CSV and JSON writers,
 * the collection of every matching job, the status card) load when the button is pointed at or
 * focused, and open the menu when it is used — nothing of them runs before (bench P5).
 */
import { lazyOnIntent } from '@/components/ui/lazy-on-intent';
import { DropdownMenu } from '@/components/ui/menu';

import type { ExportMenuProps } from './export-menu';
import { ExportTrigger } from './export-trigger';

export const ExportMenu = lazyOnIntent<ExportMenuProps>(
  () => import('./export-menu').then((m) => m.ExportMenu),
  function ExportShell({ intent }) {
    return (
      <DropdownMenu.Root onOpenChange={(open) => open && intent.open()}>
        <ExportTrigger onPointerEnter={intent.preload} onFocus={intent.preload} />
      </DropdownMenu.Root>
    );
  },
  'ExportMenu',
);
