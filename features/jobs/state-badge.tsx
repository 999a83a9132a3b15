import { BADGE_NEUTRAL } from '@/components/ui/badge';

import { STATE_ICONS, STATE_STYLES } from './state-styles';

/**
 * A job's state as a badge (components/ui/badge's look, app/globals.css .badge). A plain function:
 * the jobs table calls it for every row (components/data-table/data-row).
 */
export function stateBadge(state: string) {
  return (
    <span className={`badge ${STATE_STYLES[state] ?? BADGE_NEUTRAL}`}>
      <span aria-hidden>{STATE_ICONS[state] ?? '?'}</span>
      {state || 'Unknown'}
    </span>
  );
}

export function StateBadge({ state }: { state: string }) {
  return stateBadge(state);
}
