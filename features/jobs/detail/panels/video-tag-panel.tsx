import { confidenceScale, formatConfidence, formatNumber } from '@/lib/format';

import { MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/**
 * VideoTag: recognised tags, people, places, actions and objects. Confidences are shown on the
 * scale the values come in (CI sends 0–1 fractions), read once for the whole result.
 */
export function VideoTagPanel({ detail }: PanelProps<'video-tag'>) {
  const r = detail.videoTag;
  if (!r)
    return (
      <Section title="Video tags" testId="panel-video-tag">
        <Muted>No tags reported.</Muted>
      </Section>
    );
  const scale = confidenceScale([
    ...r.tags.map((t) => t.confidence),
    ...r.persons.map((p) => p.confidence),
    ...r.places.flatMap((p) => p.tags.map((t) => t.confidence)),
    ...r.actions.flatMap((a) => a.tags.map((t) => t.confidence)),
    ...r.objects.map((o) => o.confidence),
  ]);
  const pct = (v: number | null) => formatConfidence(v, scale);
  const span = (from: number | null, to: number | null) => `${formatNumber(from)}–${formatNumber(to)}`;
  const labels = (tags: { tag: string | null; confidence: number | null }[]) =>
    tags.map((t) => `${t.tag ?? '?'} (${pct(t.confidence)})`).join(', ') || 'nothing recognised';
  return (
    <Section title="Video tags" testId="panel-video-tag">
      <div className="flex flex-col gap-2">
        {r.subErrCode && r.subErrCode !== '0' && (
          <p className="mb-2 text-sm text-red-700 dark:text-red-300">
            {r.subErrCode}: {r.subErrMsg}
          </p>
        )}
        <MiniTable
          label="Video tags"
          columns={['Tag', 'Class', 'Confidence']}
          rows={r.tags.map((t) => [t.tag, t.tagCls ?? '—', pct(t.confidence)])}
        />
        {r.persons.length > 0 && (
          <MiniTable
            label="People"
            columns={['Person', 'Confidence', 'Appearances']}
            rows={r.persons.map((p) => [p.name, pct(p.confidence), p.count === null ? '—' : String(p.count)])}
          />
        )}
        {r.places.length > 0 && (
          <MiniTable
            label="Places"
            columns={['Time (s)', 'Place', 'Frames']}
            rows={r.places.map((p) => [span(p.startSec, p.endSec), labels(p.tags), p.frames.join(' · ') || '—'])}
          />
        )}
        {r.actions.length > 0 && (
          <MiniTable
            label="Actions"
            columns={['Time (s)', 'Action']}
            rows={r.actions.map((a) => [span(a.startSec, a.endSec), labels(a.tags)])}
          />
        )}
        {r.objects.length > 0 && (
          <MiniTable
            label="Objects"
            columns={['Time (s)', 'Object', 'Confidence']}
            rows={r.objects.map((o) => [formatNumber(o.timeSec), o.name, pct(o.confidence)])}
          />
        )}
      </div>
    </Section>
  );
}
