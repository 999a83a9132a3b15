import { KeyValueTree } from '@/components/ui/key-value-tree';
import { confidenceScale, formatNumber } from '@/lib/format';

import { Fields, Muted, Section } from '../section';
import type { PanelProps } from './types';

function scoreTone(score: number) {
  if (score >= 80) return 'text-emerald-700 dark:text-emerald-300';
  if (score >= 60) return 'text-amber-700 dark:text-amber-300';
  return 'text-red-700 dark:text-red-300';
}

/** QualityEstimate: the score and the detected problems. */
export function QualityPanel({ detail }: PanelProps<'quality'>) {
  const q = detail.quality;
  // CI documents the score as 0–100; a 0–1 value is shown on that scale rather than as "0.87".
  const score = q?.score == null ? null : confidenceScale([q.score]) === 1 ? q.score * 100 : q.score;
  return (
    <Section title="Quality estimate" testId="panel-quality">
      {!q ? (
        <Muted>No quality result reported.</Muted>
      ) : (
        <>
          <div className="flex items-baseline gap-3">
            <span
              className={`text-3xl font-semibold tabular-nums ${score === null ? '' : scoreTone(score)}`}
              data-testid="quality-score"
            >
              {score === null ? '—' : formatNumber(score)}
            </span>
            <span className="text-sm text-slate-500 dark:text-slate-400">quality score (0–100)</span>
          </div>
          <Fields
            className="mt-2"
            entries={[
              ['No audio', q.noAudio === null ? undefined : q.noAudio ? 'yes' : 'no'],
              ['No video', q.noVideo === null ? undefined : q.noVideo ? 'yes' : 'no'],
            ]}
          />
          {q.details.map((d, i) => (
            <div key={i} className="mt-2">
              <h4 className="text-xs font-medium text-slate-500 dark:text-slate-400">
                {d.type ?? 'Finding'} — {d.items.length} occurrence{d.items.length === 1 ? '' : 's'}
              </h4>
              {d.items.length > 0 && <KeyValueTree value={d.items} className="mt-1" />}
            </div>
          ))}
        </>
      )}
    </Section>
  );
}
