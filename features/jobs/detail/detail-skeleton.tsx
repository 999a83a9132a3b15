import { Skeleton } from '@/components/ui/skeleton';

export function DetailSkeleton() {
  return (
    <div role="status" aria-label="Loading job" className="flex flex-col gap-2">
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className={i % 3 === 0 ? 'h-5 w-1/3' : 'h-4 w-full'} />
      ))}
    </div>
  );
}
