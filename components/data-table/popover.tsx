'use client';

import { useEffect, useRef, type ReactNode } from 'react';

import { cn, focusRing } from '@/components/ui/cn';

/**
 * A small dropdown on <details>: keyboard-operable without script, closes on Escape and on a click
 * outside. Used by the faceted filter and the column menu.
 */
export function Popover({
  label,
  summary,
  children,
  align = 'left',
  className,
}: {
  label: string;
  summary: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
  className?: string;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onDown = (event: MouseEvent) => {
      if (ref.current?.open && !ref.current.contains(event.target as Node)) ref.current.open = false;
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, []);
  return (
    <details
      ref={ref}
      className={cn('relative', className)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && ref.current?.open) {
          ref.current.open = false;
          ref.current.querySelector('summary')?.focus();
        }
      }}
    >
      <summary
        aria-label={label}
        className={cn(
          'flex h-8 cursor-pointer list-none items-center gap-1 rounded border border-slate-300 bg-white px-2 text-sm whitespace-nowrap hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-900 dark:hover:bg-slate-800 [&::-webkit-details-marker]:hidden',
          focusRing,
        )}
      >
        {summary}
        <span aria-hidden className="text-[10px] text-slate-500 dark:text-slate-400">
          ▾
        </span>
      </summary>
      <div
        className={cn(
          'absolute z-30 mt-1 min-w-48 rounded border border-slate-200 bg-white p-1 shadow-lg dark:border-slate-700 dark:bg-slate-900',
          align === 'right' ? 'right-0' : 'left-0',
        )}
      >
        {children}
      </div>
    </details>
  );
}
