'use client';

/** What a failure group's card says before its jobs: the headline line and the facts under it. */
import { Badge } from '@/components/ui/badge';
import { CopyButton } from '@/components/ui/copy-button';
import { useQueueNames } from '@/features/jobs/api/queues';
import type { FailureGroup } from '@/features/overview/aggregate';
import { groupSupportSummary } from '@/features/triage/support-summary';
import { formatInstant, type TimeZoneChoice } from '@/lib/format';
import { queueLabel } from '@/lib/queue-label';

/** Code, count and share, latest, the catalog's verdict, and the support summary to copy. */
export function FailureHeadline({
  group,
  label,
  known,
  retryable,
  zone,
  scopeText,
  bucket,
}: {
  group: FailureGroup;
  label: string;
  known: boolean;
  retryable: boolean;
  zone: TimeZoneChoice;
  scopeText: string;
  bucket: string;
}) {
  const queueNames = useQueueNames();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <h2 className="font-mono text-sm font-semibold" data-testid="failure-code">
        {label}
      </h2>
      <span className="text-sm tabular-nums">
        <span data-testid="failure-count">{group.count.toLocaleString('en-US')}</span> failed job
        {group.count === 1 ? '' : 's'} · {(group.share * 100).toFixed(group.share < 0.1 ? 1 : 0)}% of failures
      </span>
      {group.latest && (
        <span className="text-xs text-slate-600 dark:text-slate-300">latest {formatInstant(group.latest, zone)}</span>
      )}
      {known ? (
        retryable ? (
          <Badge className="bg-emerald-50 text-emerald-800 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-200 dark:ring-emerald-800">
            often passes on retry
          </Badge>
        ) : (
          <Badge>needs a fix before retrying</Badge>
        )
      ) : (
        <Badge className="bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800">
          not in the catalog
        </Badge>
      )}
      <span className="ml-auto">
        <CopyButton
          testId="copy-group-summary"
          label="support summary"
          value={() =>
            groupSupportSummary(group, { origin: window.location.origin, scope: scopeText, bucket, queueNames })
          }
        >
          Copy support summary
        </CopyButton>
      </span>
    </div>
  );
}

/** The group's most frequent messages, its tags and its queues. */
export function FailureFacts({ group }: { group: FailureGroup }) {
  const names = useQueueNames();
  // From the index, a large group's queues and messages are those of its newest jobs only.
  const sampled = group.sampled < group.count ? ` (of the newest ${group.sampled.toLocaleString('en-US')})` : '';
  return (
    <dl className="mt-2 grid gap-1 text-xs sm:grid-cols-[auto_1fr] sm:gap-x-3">
      <dt className="font-medium text-slate-600 dark:text-slate-300">Messages{sampled}</dt>
      <dd data-testid="failure-messages">
        <ul>
          {group.messages.slice(0, 5).map(([message, n]) => (
            <li key={message}>
              <span className="tabular-nums">{n}×</span> {message || '—'}
            </li>
          ))}
          {group.messages.length > 5 && <li>… {group.messages.length - 5} more distinct messages</li>}
        </ul>
      </dd>
      <dt className="font-medium text-slate-600 dark:text-slate-300">Tags</dt>
      <dd data-testid="failure-tags">{group.tags.map(([t, n]) => `${t} ×${n}`).join(', ')}</dd>
      <dt className="font-medium text-slate-600 dark:text-slate-300">Queues{sampled}</dt>
      <dd data-testid="failure-queues">{group.queues.map(([q, n]) => `${queueLabel(q, names)} ×${n}`).join(', ')}</dd>
    </dl>
  );
}
