'use client';

/**
 * A labelled button that copies a text built at click time (a support summary). When the
 * clipboard refuses (an insecure origin, a denied permission) the text is shown to select by hand
 * rather than lost.
 */
import { useEffect, useState } from 'react';

import { Button } from '@/components/ui/button';

export function CopyTextButton({ text, children, testId }: { text: () => string; children: string; testId?: string }) {
  const [state, setState] = useState<{ kind: 'idle' | 'copied' } | { kind: 'failed'; text: string }>({ kind: 'idle' });
  useEffect(() => {
    if (state.kind !== 'copied') return;
    const t = setTimeout(() => setState({ kind: 'idle' }), 2000);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        data-testid={testId}
        onClick={(event) => {
          event.stopPropagation();
          const value = text();
          const copy = navigator.clipboard?.writeText(value) ?? Promise.reject(new Error('no clipboard'));
          copy.then(
            () => setState({ kind: 'copied' }),
            () => setState({ kind: 'failed', text: value }),
          );
        }}
      >
        {state.kind === 'copied' ? '✓ Copied' : children}
      </Button>
      <span className="sr-only" role="status">
        {state.kind === 'copied'
          ? 'Copied to the clipboard'
          : state.kind === 'failed'
            ? 'The clipboard is not available: select the text below'
            : ''}
      </span>
      {state.kind === 'failed' && (
        <textarea
          readOnly
          aria-label="Support summary to copy by hand"
          className="h-40 w-full min-w-80 rounded border border-slate-300 bg-white p-1 font-mono text-[11px] dark:border-slate-600 dark:bg-slate-900"
          value={state.text}
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </span>
  );
}
