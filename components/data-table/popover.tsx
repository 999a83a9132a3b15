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
 * A panel with code of its own (`panelCode`, e.g. the date range's fields) loads in the same
 * download and is rendered by `children` as a function, once that code is here: the panel opens
 * whole, focus lands in it as it would have (bench P5).
 */
import type * as Radix from '@radix-ui/react-popover';
import { useEffect, useState, type ReactNode } from 'react';

import { cn } from '@/components/ui/cn';
import { lazyPart, type LazyPart } from '@/components/ui/lazy-part';
import { Caret, dropdownPanelClass, dropdownTriggerClass } from '@/components/ui/menu';

const radix = lazyPart<typeof Radix>(() => import('@radix-ui/react-popover'));
const load = (panelCode?: LazyPart<unknown>) => Promise.all([radix.load(), panelCode?.load()]);

export function Popover({
  label,
  summary,
  children,
  align = 'left',
  className,
  panelCode,
}: {
  label: string;
  summary: ReactNode;
  /** The panel; a function when it needs `panelCode` (called only once that has loaded). */
  children: ReactNode | (() => ReactNode);
  align?: 'left' | 'right';
  className?: string;
  panelCode?: LazyPart<unknown>;
}) {
  const isLoaded = () => radix.get() !== null && (!panelCode || panelCode.get() !== null);
  const [ready, setReady] = useState(isLoaded);
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!wanted || ready) return;
    let live = true;
    void load(panelCode).then(() => live && setReady(true));
    return () => {
      live = false;
    };
  }, [wanted, ready, panelCode]);
  const triggerClass = cn(dropdownTriggerClass, className);
  const R = radix.get();
  if (!ready || !R || !isLoaded())
    return (
      <button
        type="button"
        aria-label={label}
        aria-haspopup="dialog"
        aria-expanded={false}
        data-state="closed"
        className={triggerClass}
        onPointerEnter={() => void load(panelCode)}
        onFocus={() => void load(panelCode)}
        onClick={() => setWanted(true)}
      >
        {summary}
        <Caret />
      </button>
    );
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
          {typeof children === 'function' ? children() : children}
        </R.Content>
      </R.Portal>
    </R.Root>
  );
}
