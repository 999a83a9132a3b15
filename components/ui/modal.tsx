'use client';

import { useEffect, useRef, type ReactNode } from 'react';

import { cn, focusRing } from './cn';

/**
 * The native modal <dialog> under the dialog and the drawer: the browser traps focus, makes the
 * page behind inert and gives focus back to what opened it; Escape and a click on the backdrop are
 * reported through onClose, so the owner (often the URL) decides whether it closes.
 */
export function Modal({
  open,
  onClose,
  title,
  titleId,
  actions,
  testId,
  className,
  frameClassName,
  titleClassName,
  bodyClassName,
  focusBody = false,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  titleId: string;
  /** Buttons in the header, before Close. */
  actions?: ReactNode;
  testId?: string;
  /** Size and place of the dialog box. */
  className: string;
  frameClassName?: string;
  titleClassName?: string;
  bodyClassName: string;
  /** Move focus to the body when opened (reading starts at the content, not at the first button). */
  focusBody?: boolean;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      if (focusBody) body.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, focusBody]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
      className={cn(
        'border-slate-300 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
        className,
      )}
    >
      {open && (
        <div className={cn('flex flex-col', frameClassName)}>
          <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
            <h2 id={titleId} className={cn('min-w-0 flex-1 text-sm font-semibold', titleClassName)}>
              {title}
            </h2>
            {actions}
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className={cn(
                'rounded px-2 py-1 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800',
                focusRing,
              )}
            >
              ×
            </button>
          </header>
          <div ref={body} tabIndex={focusBody ? -1 : undefined} className={bodyClassName}>
            {children}
          </div>
        </div>
      )}
    </dialog>
  );
}
