'use client';

import type { ReactNode } from 'react';

import { Modal } from './modal';

/** A side drawer (Modal: Radix Dialog, focus trapped, Escape and a click outside report onClose). */
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
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      actions={actions}
      className="inset-y-0 right-0 h-full w-full max-w-3xl border-l"
      frameClassName="h-full"
      titleClassName="truncate"
      bodyClassName="min-h-0 flex-1 overflow-y-auto px-4 py-3 outline-none"
      focusBody
    >
      {children}
    </Modal>
  );
}
