'use client';
import { useEffect, useRef, type ReactNode } from 'react';
import { cn, focusRing } from './cn';

/**
 * A centred modal on the native <dialog> (as the drawer): the browser traps focus, makes the page
 * inert, closes on Escape (reported through onClose) and gives focus back to what opened it.
 */
export function Dialog({
  open,
  onClose,
  title,
  testId,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={testId ? `${testId}-title` : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
      className={cn(
        'm-auto w-full max-w-md rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-2xl',
        'backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
      )}
    >
      {open && (
        <div className="flex flex-col">
          <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
            <h2 id={testId ? `${testId}-title` : undefined} className="min-w-0 flex-1 text-sm font-semibold">
              {title}
            </h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className={cn('rounded px-2 py-1 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800', focusRing)}
            >
              ×
            </button>
          </header>
          <div className="px-4 py-3">{children}</div>
        </div>
      )}
    </dialog>
  );
}
