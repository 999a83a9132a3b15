import { cn } from './cn';

interface ProgressBarProps {
  value: number | null;
  state?: string;
  className?: string;
  /**
   * Whose progress (a job ID): the bar eases from one value to the next of the same job, but a
   * table row's element showing another job (virtualized rows are recycled) draws that job's bar
   * at once — easing it would animate every bar scrolled in.
   */
  of?: string;
}

/**
 * A job's progress: a bar with its percentage, or — when CI reports none — a distinct dashed
 * "no progress reported", which is not the same as 0 %. Its look is app/globals.css .progress*.
 */
export function ProgressBar(props: ProgressBarProps) {
  return progressBar(props);
}

/** The same, as a plain function: the jobs table calls it for every row (components/data-table/data-row). */
export function progressBar({ value, state, className, of }: ProgressBarProps) {
  if (value === null) {
    return (
      <span
        className={cn('text-xs text-slate-500 italic dark:text-slate-400', className)}
        title="CI reported no progress for this job"
      >
        no progress reported
      </span>
    );
  }
  const pct = Math.max(0, Math.min(100, value));
  const tone =
    state === 'Failed'
      ? 'bg-red-500'
      : state === 'Success'
        ? 'bg-emerald-500'
        : state === 'Cancel' || state === 'Pause'
          ? 'bg-slate-400'
          : 'bg-blue-500';
  return (
    <div className={cn('progress', className)}>
      <div
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Progress"
        className="progress-track"
      >
        <div key={of} className={`progress-fill ${tone}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="progress-value" data-testid="progress-value">
        {Math.round(pct)}%
      </span>
    </div>
  );
}
