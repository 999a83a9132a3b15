import { STATE_STYLES } from './state-styles';

export function StateBadge({ state }: { state: string }) {
  const style = STATE_STYLES[state] ?? 'bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200';
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`}>
      {state || 'Unknown'}
    </span>
  );
}
