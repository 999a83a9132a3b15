'use client';

/**
 * A small dropdown panel of controls (checkboxes, radios, date fields) on Radix Popover: the button
 * says what is chosen, the panel takes focus when opened, Escape and a click outside close it and
 * focus goes back to the button. Used by the faceted filter, the date range and the display
 * settings. A list of actions is a menu instead (components/ui/menu).
 *
 * Radix Popover loads on first intent (as the kit's menus do, components/ui/lazy-dropdown-menu): no
 * panel is open at first paint, so until one is wanted the trigger is a plain button of the same
 * look and name; pointing at or focusing it starts the download, clicking it opens the real one.
 */
import type * as Radix from '@radix-ui/react-popover';
import { useEffect, useState, type ReactNode } from 'react';

import { cn } from '@/components/ui/cn';
import { Caret, dropdownPanelClass, dropdownTriggerClass } from '@/components/ui/menu';

type RadixPopover = typeof Radix;
let loaded: RadixPopover | null = null;
let loading: Promise<RadixPopover> | null = null;
const load = () => (loading ??= import('@radix-ui/react-popover').then((m) => (loaded = m)));

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
  const [ready, setReady] = useState(loaded !== null);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    void load().then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [wanted, ready]);
  const triggerClass = cn(dropdownTriggerClass, className);
  if (!ready || !loaded)
    return (
      <button
        type="button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={false}
        data-state="closed"
        className={triggerClass}
        onPointerEnter={() => void load()}
        onFocus={() => void load()}
        onClick={() => setWanted(true)}
      >
        {summary}
        <Caret />
      </button>
    );
  const R = loaded;
  return (
    // Mounted by a click: open at once.
    <R.Root defaultOpen={wanted}>
      <R.Trigger aria-label={label} className={triggerClass}>
        {summary}
        <Caret />
      </R.Trigger>
      <R.Portal>
        <R.Content
          aria-label={label}
          align={align === 'right' ? 'end' : 'start'}
          sideOffset={4}
          collisionPadding={8}
          className={dropdownPanelClass}
        >
          {children}
        </R.Content>
      </R.Portal>
    </R.Root>
  );
}
