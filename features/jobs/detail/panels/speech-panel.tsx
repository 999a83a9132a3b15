import { formatDuration, formatMs } from '@/lib/format';

import { Copyable, Fields, MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** SpeechRecognition: the recognised text, sentence by sentence when CI gives timings. */
export function SpeechPanel({ detail }: PanelProps<'speech'>) {
  const r = detail.speech;
  return (
    <Section title="Recognised speech" testId="panel-speech">
      {!r ? (
        <Muted>No recognition result yet.</Muted>
      ) : (
        <>
          <Fields
            entries={[
              ['Audio length', formatDuration(r.audioTimeSec)],
              [
                'Result object',
                r.objectName ? <Copyable key="o" value={r.objectName} label="result object" /> : undefined,
              ],
              [
                'Detail object',
                r.detailObjectName ? <Copyable key="d" value={r.detailObjectName} label="detail object" /> : undefined,
              ],
            ]}
          />
          {r.text.length > 0 && (
            <blockquote
              className="mt-2 rounded border-l-4 border-blue-400 bg-slate-50 p-2 text-sm leading-relaxed dark:bg-slate-800/60"
              data-testid="speech-text"
            >
              {r.text.map((t, i) => (
                <p key={i}>{t}</p>
              ))}
            </blockquote>
          )}
          {r.sentences.length > 0 && (
            <div className="mt-2">
              <MiniTable
                label="Sentences"
                columns={['From', 'To', 'Speaker', 'Text']}
                rows={r.sentences.map((s) => [
                  formatMs(s.startMs),
                  formatMs(s.endMs),
                  s.speakerId ?? '—',
                  <span key="t" className="font-sans">
                    {s.text}
                  </span>,
                ])}
              />
            </div>
          )}
        </>
      )}
    </Section>
  );
}
