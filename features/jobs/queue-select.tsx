'use client';

import { Field } from '@/components/data-table/text-filter';
import { cn, fieldClass } from '@/components/ui/cn';
import { useQueues } from '@/features/jobs/api/queues';
import { QUEUE_TYPES } from '@/lib/ci/tags';

/** The queue filter: every queue from GET /api/queues, by queue type, with its name and ID. */
export function QueueSelect({ value, onChange }: { value: string; onChange: (queueId: string) => void }) {
  const queues = useQueues();
  return (
    <Field label="Queue">
      <select
        className={cn(fieldClass, 'w-64')}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-busy={queues.isPending || undefined}
      >
        <option value="">Any queue</option>
        {value && !queues.data?.some((q) => q.queueId === value) && <option value={value}>{value}</option>}
        {QUEUE_TYPES.map((qt) => {
          const list = queues.data?.filter((q) => q.queueType === qt.code) ?? [];
          return list.length ? (
            <optgroup key={qt.code} label={qt.name}>
              {list.map((q) => (
                <option key={q.queueId} value={q.queueId}>
                  {q.name ?? '(unnamed)'} · {q.queueId}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </select>
    </Field>
  );
}
