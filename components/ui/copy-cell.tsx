/**
 * The copy button of a table cell (a job ID): plain markup, no component and no state, because a
 * page hydrates a hundred of them and a scroll through loaded rows updates fifteen a frame. The
 * table holds the one click handler (copyFromClick) and the one live region that says "Copied"
 * (CopyStatus); the button's own ✓ (or ! when the clipboard refuses) is an attribute the handler
 * sets for a moment and the stylesheet draws (app/globals.css .copy-icon). Elsewhere — a phone's
 * card, the job's detail — the CopyButton component does the same with React state.
 */
import type { MouseEvent } from 'react';

/** How long the ✓ and the announcement stay, ms (as the icon CopyButton's). */
export const COPIED_MS = 1500;

/** A button copying `value`; `label` names it ("job ID j123"): "Copy job ID j123". */
export function copyIcon(value: string, label: string) {
  const name = `Copy ${label}`;
  return <button type="button" className="copy-icon" data-copy={value} aria-label={name} title={name} />;
}

/** The table's one announcement of copies (role=status), next to the rows. */
export function CopyStatus() {
  return <span className="sr-only" role="status" data-copy-status="" />;
}

const timers = new WeakMap<Element, ReturnType<typeof setTimeout>>();

function reset(button: Element) {
  clearTimeout(timers.get(button));
  timers.delete(button);
  button.removeAttribute('data-copied');
  button.setAttribute('title', button.getAttribute('aria-label') ?? '');
}

/**
 * Undoes a copy mark inside `root`: a recycled row element now showing another job (the mark
 * belongs to the value copied, not to the element).
 */
export function clearCopied(root: Element) {
  for (const button of root.querySelectorAll('[data-copied]')) reset(button);
}

function announce(region: Element | null, text: string) {
  if (!region) return;
  region.textContent = text;
  clearTimeout(timers.get(region));
  timers.set(
    region,
    setTimeout(() => (region.textContent = ''), COPIED_MS),
  );
}

/**
 * The click handler of an element holding copyIcon buttons and one CopyStatus: copies the clicked
 * button's value. True when the click was a copy (the caller then does nothing else with it).
 */
export function copyFromClick(event: MouseEvent<HTMLElement>): boolean {
  const button = (event.target as Element).closest?.('button[data-copy]');
  if (!button || !event.currentTarget.contains(button)) return false;
  const value = button.getAttribute('data-copy') ?? '';
  const region = event.currentTarget.querySelector('[data-copy-status]');
  const done = navigator.clipboard?.writeText(value) ?? Promise.reject(new Error('no clipboard'));
  const mark = (kind: 'copied' | 'failed') => {
    announce(region, kind === 'copied' ? 'Copied' : 'Copy failed');
    // The element may show another job by now (recycled rows): then the mark is not its.
    if (button.getAttribute('data-copy') !== value) return;
    reset(button);
    button.setAttribute('data-copied', kind);
    button.setAttribute('title', kind === 'copied' ? 'Copied' : 'Copy failed');
    timers.set(
      button,
      setTimeout(() => reset(button), COPIED_MS),
    );
  };
  done.then(
    () => mark('copied'),
    () => mark('failed'),
  );
  return true;
}
