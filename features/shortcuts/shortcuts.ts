/**
 * The keyboard shortcuts: one list (the cheat sheet shows it, so it cannot drift from what the
 * keys do) and the rule for when a key press is a shortcut at all. Browser-safe, no React.
 */
export const SHORTCUTS = [
  { key: '/', label: '/', does: 'Focus the find box', where: 'every page' },
  { key: 'j', label: 'j', does: 'Move the row cursor down', where: 'jobs list' },
  { key: 'k', label: 'k', does: 'Move the row cursor up', where: 'jobs list' },
  { key: 'Enter', label: 'Enter', does: 'Open the job under the cursor', where: 'jobs list' },
  { key: 'Escape', label: 'Esc', does: 'Close the job drawer, a dialog or a menu', where: 'every page' },
  { key: 'r', label: 'r', does: 'Refresh the list now', where: 'jobs list' },
  { key: '?', label: '?', does: 'Show these shortcuts', where: 'every page' },
] as const;

export type ShortcutKey = (typeof SHORTCUTS)[number]['key'];

/** Typing in a field is typing, not a shortcut (`j` in the find box is a letter). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).tagName !== 'string') return false;
  const el = target as HTMLElement;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** An element Enter already means something to (a button, a link, a row that opens itself). */
export function isActivatable(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  return Boolean(
    (target as HTMLElement).closest(
      'a[href], button, summary, [role="menuitem"], [role="menuitemradio"], tr[data-row-id], [role="dialog"]',
    ),
  );
}

/** Inside an open menu every key is the menu's (letters jump to an item, as the menu pattern says). */
export function isInMenu(target: EventTarget | null): boolean {
  if (!target || typeof (target as HTMLElement).closest !== 'function') return false;
  return Boolean((target as HTMLElement).closest('[role="menu"]'));
}

/**
 * The shortcut a key press stands for, or null: not while typing, not with Ctrl/⌘/Alt (those are
 * the browser's), not inside a menu, not when something nearer (a row, a menu) has handled the key
 * already. Shift is allowed: `?` needs it on most layouts.
 */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'defaultPrevented' | 'target' | 'isComposing'>,
): ShortcutKey | null {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target) || isInMenu(event.target)) return null;
  const hit = SHORTCUTS.find((s) => s.key === event.key);
  return hit ? hit.key : null;
}
