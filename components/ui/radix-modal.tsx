'use client';

/**
 * The modal under the dialog and the drawer, on Radix Dialog: focus is trapped inside and given
 * back to what opened it, the page behind is hidden from assistive technology and takes no
 * pointer, Escape and a click outside are reported through onClose, so the owner (often the URL)
 * decides whether it closes. The content is marked aria-modal, which is also how the page's
 * shortcuts (features/shortcuts/use-shortcuts) know a modal owns the keyboard. Loaded when a
 * modal first opens (components/ui/modal).
 */
import * as RadixDialog from '@radix-ui/react-dialog';
import { useRef } from 'react';

import { cn, focusRing } from './cn';
import type { ModalProps } from './modal';

export function RadixModal({
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
}: ModalProps) {
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
