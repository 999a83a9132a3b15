'use client';

import { lazy, Suspense, useRef, useState } from 'react';

import { cn, focusRing } from '@/components/ui/cn';

import { useShortcuts } from './use-shortcuts';

// The sheet (its table, the dialog) loads when first opened: every page shows the button, few open
// it (bench P5). The modal under it loads its own Radix code on first open anyway (components/ui/modal),
// so the first opening waits for one more small download, from the same server.
const ShortcutsSheet = lazy(() => import('./shortcuts-sheet').then((m) => ({ default: m.ShortcutsSheet })));

/** The cheat sheet: `?` (or the header's button) opens it, Esc closes it. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  // Kept once opened, so that closing is the dialog's own (focus goes back to what opened it).
  const [opened, setOpened] = useState(false);
  // Radix gives focus back only to a trigger of its own, which this sheet has none of (the button and
  // `?` both open it): what had focus when it opened gets it back, else the button.
  const button = useRef<HTMLButtonElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const show = () => {
    if (!open) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened(true);
    setOpen(true);
  };
  const restoreFocus = () => {
    const target =
      returnTo.current?.isConnected && returnTo.current !== document.body ? returnTo.current : button.current;
    target?.focus();
  };
  useShortcuts({ '?': show }, { whileModal: true });
  return (
    <>
      <button
        ref={button}
        type="button"
        onClick={show}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className={cn(
          'rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        <kbd className="font-sans">?</kbd>
      </button>
      {opened && (
        <Suspense>
          <ShortcutsSheet open={open} onClose={() => setOpen(false)} onClosed={restoreFocus} />
        </Suspense>
      )}
    </>
  );
}
