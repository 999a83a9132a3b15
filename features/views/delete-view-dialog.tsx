'use client';

/** Deleting a saved view asks first; Cancel (or Esc) keeps it. */
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';

export function DeleteViewDialog({
  name,
  onDelete,
  onClose,
  onClosed,
}: {
  name: string | null;
  onDelete: (name: string) => Promise<{ message: string } | null>;
  onClose: () => void;
  onClosed: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  return (
    <Dialog open={name !== null} onClose={close} onClosed={onClosed} title="Delete view" testId="delete-view">
      <p className="text-sm">
        Delete the view “<span className="font-semibold">{name}</span>”? This cannot be undone.
      </p>
      <p role="alert" className="min-h-4 text-xs text-red-700 dark:text-red-300">
        {error}
      </p>
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={close}>Cancel</Button>
        <Button
          variant="danger"
          onClick={() => {
            if (name === null) return;
            void onDelete(name).then((problem) => {
              if (problem) setError(problem.message);
              else onClose();
            });
          }}
        >
          Delete
        </Button>
      </div>
    </Dialog>
  );
}
