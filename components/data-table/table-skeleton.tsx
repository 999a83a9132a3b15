import { Skeleton } from '@/components/ui/skeleton';

/** A loading placeholder shaped like the table it stands for. */
export function TableSkeleton({
  columns,
  rows = 10,
  label = 'Loading',
}: {
  columns: number;
  rows?: number;
  label?: string;
}) {
  return (
    <div
      role="status"
      aria-label={label}
      className="overflow-hidden rounded border border-slate-200 dark:border-slate-700"
      data-testid="table-skeleton"
    >
      <div className="flex gap-4 border-b border-slate-200 bg-slate-50 px-2 py-2 dark:border-slate-700 dark:bg-slate-900">
        {Array.from({ length: columns }, (_, i) => (
          <Skeleton key={i} className="h-3 flex-1" />
        ))}
      </div>
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="flex gap-4 border-b border-slate-100 px-2 py-2 last:border-b-0 dark:border-slate-800">
          {Array.from({ length: columns }, (_, i) => (
            <Skeleton key={i} className={i === 0 ? 'h-4 flex-[2]' : 'h-4 flex-1'} />
          ))}
        </div>
      ))}
      <span className="sr-only">{label}</span>
    </div>
  );
}
