'use client';

/**
 * "Save current view…": focus starts in the name field, Enter saves, Esc (or Cancel) leaves
 * without saving. The name is checked before anything is stored; a name already saved is replaced
 * (the button says so).
 */
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { cn, fieldClass } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { checkViewName, type SavedView } from '@/lib/saved-views';

import { WHERE_VIEWS_ARE, type ViewsStorage } from './use-saved-views';

interface SaveViewProps {
  storage: ViewsStorage;
  existing: SavedView[];
  initialName: string;
  onSave: (name: string) => Promise<{ field: string; message: string } | null>;
  onClose: () => void;
}

export function SaveViewDialog({ open, onClosed, ...props }: SaveViewProps & { open: boolean; onClosed: () => void }) {
  return (
    <Dialog open={open} onClose={props.onClose} onClosed={onClosed} title="Save current view" testId="save-view">
      {/* Mounted per opening, so each starts from the current name and no old message. */}
      {open && <SaveViewForm {...props} />}
    </Dialog>
  );
}

function SaveViewForm({ storage, existing, initialName, onSave, onClose }: SaveViewProps) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const replaces = existing.some((v) => v.name.toLowerCase() === name.trim().toLowerCase());
  return (
    <form
      noValidate
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const problem = checkViewName(name);
        if (problem) return setError(problem.message);
        setBusy(true);
        void onSave(name).then((result) => {
          setBusy(false);
          if (result) setError(result.message);
          else onClose();
        });
      }}
    >
      <label htmlFor="save-view-name" className="text-xs font-medium text-slate-700 dark:text-slate-200">
        View name
      </label>
      <input
        id="save-view-name"
        data-autofocus
        value={name}
        maxLength={200}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
        onFocus={(e) => e.currentTarget.select()}
        aria-invalid={error ? true : undefined}
        aria-describedby="save-view-help save-view-error"
        className={cn(fieldClass, 'w-full')}
        autoComplete="off"
      />
      <p id="save-view-help" className="text-xs text-slate-500 dark:text-slate-400">
        The filters, order, page size and sorting on screen, {WHERE_VIEWS_ARE[storage]}.
        {replaces && ' A view of this name is replaced.'} Enter saves, Esc cancels.
      </p>
      <p id="save-view-error" role="alert" className="min-h-4 text-xs text-red-700 dark:text-red-300">
        {error}
      </p>
      <div className="flex justify-end gap-2">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy}>
          {replaces ? 'Replace' : 'Save'}
        </Button>
      </div>
    </form>
  );
}
