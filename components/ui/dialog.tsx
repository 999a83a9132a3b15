'use client';

import type { ReactNode } from 'react';

import { Modal } from './modal';

/** A centred modal (Modal: Radix Dialog, focus trapped, Escape and a click outside report onClose). */
export function Dialog({
  open,
  onClose,
  title,
  testId,
  onClosed,
  children,
}: {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  testId?: string;
  onClosed?: () => void;
  children: ReactNode;
}) {
  return (
    <Modal
      open={open}
      onClose={onClose}
      onClosed={onClosed}
      title={title}
      testId={testId}
      className="top-1/2 left-1/2 max-h-[calc(100vh-2rem)] w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border"
      bodyClassName="px-4 py-3"
    >
      {children}
    </Modal>
  );
}
