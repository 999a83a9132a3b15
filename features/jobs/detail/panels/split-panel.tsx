import { formatDuration } from '@/lib/format';

import { MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** SplitVideoParts: the parts the video was split into. */
export function SplitPanel({ detail }: PanelProps<'split'>) {
  const parts = detail.split?.parts ?? [];
  return (
    <Section title="Video parts" testId="panel-split">
      {parts.length === 0 ? (
        <Muted>No parts reported.</Muted>
      ) : (
        <MiniTable
          label="Video parts"
          columns={['Part', 'Begins', 'Ends', 'Length']}
          rows={parts.map((p) => [
            p.index,
            formatDuration(p.beginSec),
            formatDuration(p.endSec),
            p.beginSec !== null && p.endSec !== null ? formatDuration(p.endSec - p.beginSec) : '—',
          ])}
        />
      )}
    </Section>
  );
}
