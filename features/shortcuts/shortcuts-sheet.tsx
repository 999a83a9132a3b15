'use client';

import { Dialog } from '@/components/ui/dialog';
import { SHORTCUTS } from '@/features/shortcuts/shortcuts';

/** The cheat sheet itself (shortcuts-help loads it on first open): every shortcut, from one list. */
export function ShortcutsSheet({
  open,
  onClose,
  onClosed,
}: {
  open: boolean;
  onClose: () => void;
  /** Where focus goes once closed (the dialog has no trigger of its own to give it back to). */
  onClosed: () => void;
}) {
  return (
    <Dialog open={open} onClose={onClose} onClosed={onClosed} title="Keyboard shortcuts" testId="shortcuts-help">
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
  );
}
