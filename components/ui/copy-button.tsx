'use client';

/**
 * The one copy button: as a small icon beside a value (a job ID), or as a labelled button for a
 * text built at click time (a support summary). Either says "Copied" for a moment, visibly and to
 * screen readers. When the clipboard refuses (an insecure origin, a denied permission) the labelled
 * one shows the text to select by hand rather than losing it; the icon one shows "!".
 */
import { useEffect, useState } from 'react';

import { Button } from './button';
import { cn, focusRing } from './cn';

/** What happened to the last copy, and of which text. */
type CopyState = { kind: 'idle' } | { kind: 'copied' | 'failed'; text: string };

const IDLE: CopyState = { kind: 'idle' };

function useCopy(resetMs: number) {
  const [state, setState] = useState<CopyState>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), resetMs);
    return () => clearTimeout(t);
  }, [state, resetMs]);
  const copy = (text: string) => {
    const done = navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard'));
    done.then(
      () => setState({ kind: 'copied', text }),
      () => setState({ kind: 'failed', text }),
    );
  };
  return [state, copy] as const;
}

const ICON_SIZES = { sm: 'h-5 min-w-5', md: 'h-7 min-w-7' } as const;

export function CopyButton({
  value,
  label,
  children,
  testId,
  className,
  size = 'sm',
  copiedText = 'Copied',
}: {
  /** The text, or a function building it when clicked. */
  value: string | (() => string);
  /** What is copied ("job ID", "support summary"): names the icon button and the fallback box. */
  label: string;
  /** The button's text; without it the button is an icon. */
  children?: string;
  testId?: string;
  className?: string;
  /** The icon button's box: `sm` inside text, `md` beside other 28 px buttons (a phone's card). */
  size?: keyof typeof ICON_SIZES;
  /** What the labelled button says once copied, shown and announced ("Link copied"). */
  copiedText?: string;
}) {
  const [last, copy] = useCopy(children ? 2000 : 1500);
  // A table row's element may show another row a moment later (virtualized rows are recycled):
  // "Copied" belongs to the value that was copied, not to the button.
  const state: CopyState = typeof value === 'string' && last.kind !== 'idle' && last.text !== value ? IDLE : last;
  const onClick = (event: { stopPropagation: () => void }) => {
    event.stopPropagation(); // a copy inside a clickable row does not open the row
    copy(typeof value === 'function' ? value() : value);
  };
  const status = (
    <span className="sr-only" role="status">
      {state.kind === 'copied'
        ? children
          ? copiedText === 'Copied'
            ? 'Copied to the clipboard'
            : copiedText
          : 'Copied'
        : state.kind === 'failed'
          ? children
            ? 'The clipboard is not available: select the text below'
            : 'Copy failed'
          : ''}
    </span>
  );

  if (children)
    return (
      <span className={cn('inline-flex flex-col gap-1', className)}>
        <Button size="sm" data-testid={testId} onClick={onClick}>
          {state.kind === 'copied' ? `✓ ${copiedText}` : children}
        </Button>
        {status}
        {state.kind === 'failed' && (
          <textarea
            readOnly
            aria-label={`${label[0]!.toUpperCase()}${label.slice(1)} to copy by hand`}
            className="h-40 w-full min-w-80 rounded border border-slate-300 bg-white p-1 font-mono text-[11px] dark:border-slate-600 dark:bg-slate-900"
            value={state.text}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </span>
    );

  return (
    <button
      type="button"
      aria-label={`Copy ${label}`}
      title={state.kind === 'copied' ? 'Copied' : `Copy ${label}`}
      data-testid={testId}
      onClick={onClick}
      className={cn(
        ICON_SIZES[size],
        'inline-flex shrink-0 items-center justify-center rounded px-1 text-[11px] text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100',
        focusRing,
        className,
      )}
    >
      {state.kind === 'copied' ? (
        <span aria-hidden className="text-emerald-600 dark:text-emerald-400">
          ✓
        </span>
      ) : state.kind === 'failed' ? (
        <span aria-hidden className="text-red-600">
          !
        </span>
      ) : (
        <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h1" />
        </svg>
      )}
      {status}
    </button>
  );
}
