'use client';

import { useState, type ReactNode } from 'react';

import { cn, fieldBox } from '@/components/ui/cn';

/** A labelled filter control: small label above the control. */
export function Field({ label, children, className }: { label: string; children: ReactNode; className?: string }) {
  return (
    <label
      className={cn('flex flex-col gap-0.5 text-[11px] font-medium text-slate-600 dark:text-slate-300', className)}
    >
      {label}
      {children}
    </label>
  );
}

/** A text filter that applies on Enter / blur, so typing does not fire a request per key. */
export function TextFilter({
  label,
  value,
  placeholder,
  hint,
  onApply,
  className,
  mono,
}: {
  label: string;
  value: string;
  placeholder?: string;
  hint?: string;
  onApply: (value: string) => void;
  className?: string;
  mono?: boolean;
}) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    // The URL changed under us (back/forward, clear filters): show the new value.
    setSeen(value);
    setDraft(value);
  }
  const apply = () => {
    if (draft.trim() !== value) onApply(draft.trim());
  };
  return (
    <Field label={label} className={className}>
      <input
        type="search"
        className={cn(fieldBox, 'h-8', mono ? 'font-mono text-xs' : 'text-sm')}
        value={draft}
        placeholder={placeholder}
        title={hint}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
          if (e.key === 'Escape') setDraft(value);
        }}
      />
    </Field>
  );
}
