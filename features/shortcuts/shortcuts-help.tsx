'use client';

import { useState } from 'react';

import { cn, focusRing } from '@/components/ui/cn';
import { Dialog } from '@/components/ui/dialog';
import { SHORTCUTS } from '@/features/shortcuts/shortcuts';

import { useShortcuts } from './use-shortcuts';

/** The cheat sheet: `?` (or the header's button) opens it, Esc closes it. */
export function ShortcutsHelp() {
  const [open, setOpen] = useState(false);
  useShortcuts({ '?': () => setOpen(true) }, { whileModal: true });
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        className={cn(
          'rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        <kbd className="font-sans">?</kbd>
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Keyboard shortcuts" testId="shortcuts-help">
        <table className="w-full text-sm">
          <caption className="sr-only">Keyboard shortcuts</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Does</th>
              <th scope="col">Where</th>
            </tr>
          </thead>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.key} className="border-b border-slate-100 last:border-b-0 dark:border-slate-800">
                <td className="py-1.5 pr-3">
                  <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">
                    {s.label}
                  </kbd>
                </td>
                <td className="py-1.5 pr-3">{s.does}</td>
                <td className="py-1.5 text-xs text-slate-500 dark:text-slate-400">{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Shortcuts do nothing while you type in a field. ↑/↓, Home/End and PageUp/PageDown also move between rows once
          one has focus.
        </p>
      </Dialog>
    </>
  );
}
