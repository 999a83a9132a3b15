'use client';

/**
 * The modal under the dialog and the drawer, on Radix Dialog: focus is trapped inside and given
 * back to what opened it, the page behind is hidden from assistive technology and takes no
 * pointer, Escape and a click outside are reported through onClose, so the owner (often the URL)
 * decides whether it closes. The content is marked aria-modal, which is also how the page's
 * shortcuts (features/shortcuts/use-shortcuts) know a modal owns the keyboard.
 */
import * as RadixDialog from '@radix-ui/react-dialog';
import { useRef, type ReactNode } from 'react';

import { cn, focusRing } from './cn';

export function Modal({
  open,
  onClose,
  title,
  actions,
  testId,
  className,
  frameClassName,
  titleClassName,
  bodyClassName,
  focusBody = false,
  onClosed,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  /** Buttons in the header, before Close. */
  actions?: ReactNode;
  testId?: string;
  /** Size and place of the dialog box. */
  className: string;
  frameClassName?: string;
  titleClassName?: string;
  bodyClassName: string;
  /**
   * Move focus to the body when opened (reading starts at the content, not at the first button).
   * Otherwise the body's element marked `data-autofocus` gets it, else the first tabbable one (×).
   */
  focusBody?: boolean;
  /** Where focus goes once closed, when what opened it is gone (e.g. a menu item); default: back to it. */
  onClosed?: () => void;
  children: ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  return (
    <RadixDialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-slate-950/40" />
        <RadixDialog.Content
          aria-modal="true"
          aria-describedby={undefined}
          data-testid={testId}
          onOpenAutoFocus={(event) => {
            const target = focusBody ? body.current : body.current?.querySelector<HTMLElement>('[data-autofocus]');
            if (!target) return; // Radix focuses the first tabbable element
            event.preventDefault();
            target.focus();
          }}
          onCloseAutoFocus={(event) => {
            if (!onClosed) return;
            event.preventDefault();
            onClosed();
          }}
          className={cn(
            'fixed z-50 flex flex-col border-slate-300 bg-white p-0 text-slate-900 shadow-2xl outline-none dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100',
            className,
          )}
        >
          <div className={cn('flex min-h-0 flex-col', frameClassName)}>
            <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2 dark:border-slate-700">
              <RadixDialog.Title className={cn('min-w-0 flex-1 text-sm font-semibold', titleClassName)}>
                {title}
              </RadixDialog.Title>
              {actions}
              <RadixDialog.Close
                aria-label="Close"
                className={cn(
                  'rounded px-2 py-1 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800',
                  focusRing,
                )}
              >
                ×
              </RadixDialog.Close>
            </header>
            <div ref={body} tabIndex={focusBody ? -1 : undefined} className={bodyClassName}>
              {children}
            </div>
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
