/** When a key press is a shortcut (features/shortcuts/shortcuts): the rule the one hook applies to every key. */
import { describe, expect, it } from 'vitest';

import { isActivatable, shortcutOf, SHORTCUTS } from '@/features/shortcuts/shortcuts';

const el = (tagName: string, extra: Partial<{ isContentEditable: boolean; closest: (s: string) => unknown }> = {}) =>
  ({ tagName, isContentEditable: false, closest: () => null, ...extra }) as unknown as EventTarget;
const press = (key: string, over: Partial<Parameters<typeof shortcutOf>[0]> = {}) =>
  shortcutOf({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    defaultPrevented: false,
    isComposing: false,
    target: el('BODY'),
    ...over,
  });

describe('shortcutOf', () => {
  it('knows every listed key, and nothing else', () => {
    for (const s of SHORTCUTS) expect(press(s.key)).toBe(s.key);
    expect(press('x')).toBeNull();
    expect(press('J')).toBeNull();
  });

  it('leaves typing, modifiers, IME composition and handled keys alone', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(press('j', { target: el(tag) })).toBeNull();
    expect(press('j', { target: el('DIV', { isContentEditable: true }) })).toBeNull();
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('r', { metaKey: true })).toBeNull();
    expect(press('j', { altKey: true })).toBeNull();
    expect(press('j', { isComposing: true })).toBeNull();
    expect(press('j', { defaultPrevented: true })).toBeNull();
    // `?` is Shift+/ on most layouts: shift is not a modifier here.
    expect(press('?', { target: el('TR') })).toBe('?');
  });

  it('isActivatable: Enter belongs to buttons, links and rows', () => {
    expect(isActivatable(el('BUTTON', { closest: () => ({}) }))).toBe(true);
    expect(isActivatable(el('BODY'))).toBe(false);
    expect(isActivatable(null)).toBe(false);
  });
});
