import type { ReactNode } from 'react';

/** "What it means / What to do" for a CI failure code (lib/ci/failure-catalog), on a job and in triage. */
export function FailureExplanation({
  meaning,
  action,
  className,
  testId,
}: {
  meaning: ReactNode;
  action: ReactNode;
  className: string;
  testId: string;
}) {
  return (
    <dl className={className} data-testid={testId}>
      <div>
        <dt className="inline font-semibold">What it means: </dt>
        <dd className="inline">{meaning}</dd>
      </div>
      <div>
        <dt className="inline font-semibold">What to do: </dt>
        <dd className="inline">{action}</dd>
      </div>
    </dl>
  );
}
