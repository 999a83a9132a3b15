'use client';
import { useEffect, useRef, type ReactNode } from 'react';
import { cn, focusRing } from './cn';

/**
 * A side drawer on the native modal <dialog>: the browser traps focus, makes the page behind inert,
 * closes on Escape and gives focus back to what opened it.
 */
export function Drawer({
  open,
  onClose,
  title,
  actions,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const content = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      content.current?.focus(); // reading starts at the content, not at the first button
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby="drawer-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
      className={cn(
        'fixed inset-y-0 right-0 left-auto m-0 h-full max-h-none w-full max-w-3xl border-l border-slate-300 bg-white p-0 text-slate-900 shadow-2xl',
        'backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
      )}
    >
      {open && (
        <div className="flex h-full flex-col">
          <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
            <h2 id="drawer-title" className="min-w-0 flex-1 truncate text-sm font-semibold">
              {title}
            </h2>
            {actions}
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className={cn('rounded px-2 py-1 text-lg leading-none text-slate-500 dark:text-slate-400 hover:bg-slate-100 dark:hover:bg-slate-800', focusRing)}
            >
              ×
            </button>
          </header>
          <div ref={content} tabIndex={-1} className="min-h-0 flex-1 overflow-y-auto px-4 py-3 outline-none">
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}
