import type { ReactNode } from 'react';

import { cn } from '@/components/ui/cn';
import { CopyButton } from '@/components/ui/copy-button';

/** A titled block of the job detail. */
export function Section({
  title,
  children,
  testId,
  aside,
}: {
  title: string;
  children: ReactNode;
  testId?: string;
  aside?: ReactNode;
}) {
  return (
    <section
      className="border-t border-slate-200 py-3 first:border-t-0 first:pt-0 dark:border-slate-700"
      data-testid={testId}
      aria-label={title}
    >
      <div className="mb-2 flex items-center gap-2">
        <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-300">{title}</h3>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** A dense label/value grid. Entries with an undefined value are left out; null shows as —. */
export function Fields({
  entries,
  className,
}: {
  entries: [string, ReactNode | null | undefined][];
  className?: string;
}) {
  return (
    <dl className={cn('grid grid-cols-[9.5rem_1fr] gap-x-4 gap-y-1 text-sm', className)}>
      {entries
        .filter(([, v]) => v !== undefined)
        .map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
            {/* anywhere, not break-word: a long unbroken value (a run ID, an object key) must also
                shrink its flex item's min-content, or it pushes a phone's page sideways. */}
            <dd className="min-w-0 wrap-anywhere">
              {value === null || value === '' ? <span className="text-slate-400">—</span> : value}
            </dd>
          </div>
        ))}
    </dl>
  );
}

/** A value in monospace with a copy button. */
export function Copyable({ value, label }: { value: string | null | undefined; label: string }) {
  if (!value) return <span className="text-slate-400">—</span>;
  return (
    <span className="inline-flex max-w-full items-center gap-1">
      <span className="font-mono text-xs break-all">{value}</span>
      <CopyButton value={value} label={label} />
    </span>
  );
}

/** A small table with a header row. */
export function MiniTable({
  columns,
  rows,
  label,
  testId,
}: {
  columns: string[];
  rows: ReactNode[][];
  label: string;
  testId?: string;
}) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 dark:border-slate-700">
      <table className="w-full text-xs" aria-label={label} data-testid={testId}>
        <thead className="bg-slate-50 dark:bg-slate-800/60">
          <tr>
            {columns.map((c) => (
              <th
                key={c}
                scope="col"
                className="px-2 py-1 text-left font-semibold whitespace-nowrap text-slate-600 dark:text-slate-300"
              >
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i} className="border-t border-slate-100 dark:border-slate-800">
              {row.map((cell, j) => (
                <td key={j} className="px-2 py-1 align-top tabular-nums">
                  {cell ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Muted({ children }: { children: ReactNode }) {
  return <p className="text-sm wrap-anywhere text-slate-500 italic dark:text-slate-400">{children}</p>;
}
