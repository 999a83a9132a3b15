import type { XmlTree } from '@/lib/ci/types';

import { cn } from './cn';

/**
 * A generic tree of whatever the job model did not interpret (`extra` bags, `operation.config`):
 * elements as nested rows, repeated elements numbered. Nothing is dropped.
 */
export function KeyValueTree({ value, className }: { value: Record<string, XmlTree> | XmlTree; className?: string }) {
  return (
    <div className={cn('font-mono text-xs', className)}>
      <Node value={value} depth={0} />
    </div>
  );
}

function Node({ value, depth }: { value: XmlTree | Record<string, XmlTree>; depth: number }) {
  if (typeof value === 'string')
    return <span className="break-all text-slate-800 dark:text-slate-200">{value === '' ? '(empty)' : value}</span>;
  const entries: [string, XmlTree][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i + 1}]`, v])
    : Object.entries(value);
  if (entries.length === 0) return <span className="text-slate-400">(empty)</span>;
  return (
    <dl className={cn(depth > 0 && 'border-l border-slate-200 pl-2 dark:border-slate-700')}>
      {entries.map(([key, child]) => (
        <div key={key} className={typeof child === 'string' ? 'flex gap-2' : ''}>
          <dt className="shrink-0 text-slate-500 dark:text-slate-400">{key}</dt>
          <dd className="min-w-0">
            <Node value={child} depth={depth + 1} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function isEmptyTree(value: Record<string, XmlTree> | null | undefined): boolean {
  return !value || Object.keys(value).length === 0;
}
