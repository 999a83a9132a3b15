import { Badge } from '@/components/ui/badge';

import { STATE_ICONS, STATE_STYLES } from './state-styles';

export function StateBadge({ state }: { state: string }) {
  return (
    <Badge className={STATE_STYLES[state]}>
      <span aria-hidden>{STATE_ICONS[state] ?? '?'}</span>
      {state || 'Unknown'}
    </Badge>
  );
}
