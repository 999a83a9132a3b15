'use client';

/**
 * A small dropdown panel of controls (checkboxes, radios, date fields) on Radix Popover: the button
 * says what is chosen, the panel takes focus when opened, Escape and a click outside close it and
 * focus goes back to the button. Used by the faceted filter, the date range and the display
 * settings. A list of actions is a menu instead (components/ui/menu).
 */
import * as RadixPopover from '@radix-ui/react-popover';
import type { ReactNode } from 'react';

import { cn } from '@/components/ui/cn';
import { Caret, dropdownPanelClass, dropdownTriggerClass } from '@/components/ui/menu';

export function Popover({
  label,
  summary,
  children,
  align = 'left',
  className,
}: {
  label: string;
  summary: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
  className?: string;
}) {
  return (
    <RadixPopover.Root>
      <RadixPopover.Trigger aria-label={label} className={cn(dropdownTriggerClass, className)}>
        {summary}
        <Caret />
      </RadixPopover.Trigger>
      <RadixPopover.Portal>
        <RadixPopover.Content
          aria-label={label}
          align={align === 'right' ? 'end' : 'start'}
          sideOffset={4}
          collisionPadding={8}
          className={dropdownPanelClass}
        >
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
