'use client';

import type { ReactNode } from 'react';

import { Modal } from './modal';

/**
 * A sheet rising from the bottom of a phone's screen (Modal: Radix Dialog, focus trapped, Escape
 * and a tap outside report onClose): the whole width, at most most of the height, its content
 * scrolling inside it, and a footer (the sheet's "done" action) always in reach of the thumb.
 */
export function Sheet({
  open,
  onClose,
  title,
  testId,
  footer,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  testId?: string;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      testId={testId}
      className="inset-x-0 bottom-0 max-h-[85dvh] rounded-t-xl border-t"
      frameClassName="max-h-[85dvh]"
      bodyClassName="flex min-h-0 flex-1 flex-col"
    >
      <div className="min-h-0 flex-1 overflow-y-auto overscroll-contain px-4 py-3">{children}</div>
      {footer && (
        <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-2 dark:border-slate-700">{footer}</div>
      )}
    </Modal>
  );
}
