'use client';

import type { ComponentProps } from 'react';

import { Caret, DropdownMenu, dropdownTriggerClass } from '@/components/ui/menu';

/** The Export menu's button: the same in the menu (export-menu) and before its code is loaded (lazy-export-menu). */
export function ExportTrigger(props: ComponentProps<typeof DropdownMenu.Trigger>) {
  return (
    <DropdownMenu.Trigger aria-label="Export" data-testid="export-button" className={dropdownTriggerClass} {...props}>
      Export
      <Caret />
    </DropdownMenu.Trigger>
  );
}
