'use client';

/**
 * The one place key presses become shortcuts (features/shortcuts/shortcuts decides which presses count). A
 * component binds the keys it serves; a handler returns false when the key was not for it (e.g.
 * Enter with no row under the cursor), so the browser's default still happens.
 */
import { useEffect, useRef } from 'react';

import { shortcutOf, type ShortcutKey } from '@/features/shortcuts/shortcuts';

export type ShortcutHandler = (event: KeyboardEvent) => boolean | void;

export function useShortcuts(
  bindings: Partial<Record<ShortcutKey, ShortcutHandler>>,
  options: { enabled?: boolean; whileModal?: boolean } = {},
) {
  const latest = useRef(bindings);
  useEffect(() => {
    latest.current = bindings;
  });
  const { enabled = true, whileModal = false } = options;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const key = shortcutOf(event);
      if (!key) return;
      const handler = latest.current[key];
      if (!handler) return;
      // A modal (the job drawer, a dialog; components/ui/modal marks it) owns the keyboard.
      if (!whileModal && document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      if (handler(event) !== false) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, whileModal]);
}
