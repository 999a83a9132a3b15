'use client';

import { useEffect, useState } from 'react';

import { cn, focusRing } from './cn';

/** Copies a value to the clipboard; says so for a moment (visibly and to screen readers). */
export function CopyButton({ value, label, className }: { value: string; label: string; className?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const t = setTimeout(() => setState('idle'), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      aria-label={`Copy ${label}`}
      title={state === 'copied' ? 'Copied' : `Copy ${label}`}
      onClick={(event) => {
        event.stopPropagation();
        navigator.clipboard.writeText(value).then(
          () => setState('copied'),
          () => setState('failed'),
        );
      }}
      className={cn(
        'inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded px-1 text-[11px] text-slate-500 hover:bg-slate-200 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-700 dark:hover:text-slate-100',
        focusRing,
        className,
      )}
    >
      {state === 'copied' ? (
        <span aria-hidden className="text-emerald-600 dark:text-emerald-400">
          ✓
        </span>
      ) : state === 'failed' ? (
        <span aria-hidden className="text-red-600">
          !
        </span>
      ) : (
        <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5">
          <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
          <path d="M10.5 3.5v-1a1 1 0 0 0-1-1h-7a1 1 0 0 0-1 1v7a1 1 0 0 0 1 1h1" />
        </svg>
      )}
      <span className="sr-only" role="status">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : ''}
      </span>
    </button>
  );
}
