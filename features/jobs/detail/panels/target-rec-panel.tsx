import { confidenceScale, formatConfidence, formatNumber } from '@/lib/format';

import { MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** VideoTargetRec: detections (bodies, pets, cars, faces, plates) over time. */
export function TargetRecPanel({ detail }: PanelProps<'target-rec'>) {
  const r = detail.targetRec;
  // CI's examples score detections 0–100 (`86`); the scale is still read from the values.
  const scale = confidenceScale(r?.detections.flatMap((d) => d.objects.map((o) => o.score)) ?? []);
  return (
    <Section title="Detected objects" testId="panel-target-rec">
      {!r || r.detections.length === 0 ? (
        <Muted>No detections reported.</Muted>
      ) : (
        <MiniTable
          label="Detections"
          columns={['Kind', 'Time (s)', 'Objects']}
          rows={r.detections.map((d) => [
            d.kind,
            formatNumber(d.time),
            d.objects
              .map((o) => `${o.name ?? '?'}${o.score === null ? '' : ` (${formatConfidence(o.score, scale)})`}`)
              .join(', ') || '—',
          ])}
        />
      )}
    </Section>
  );
}
