'use client';

import { useId, type ReactNode } from 'react';

import { Modal } from './modal';

/** A centred modal (Modal: native <dialog>, focus trapped, Escape and backdrop report onClose). */
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
  const id = useId();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      titleId={testId ? `${testId}-title` : id}
      testId={testId}
      className="m-auto w-full max-w-md rounded-lg border"
      bodyClassName="px-4 py-3"
    >
      {children}
    </Modal>
  );
}
