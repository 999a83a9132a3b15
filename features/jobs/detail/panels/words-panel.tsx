import { MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** WordsGeneralize: named entities and the token list. */
export function WordsPanel({ detail }: PanelProps<'words'>) {
  const r = detail.words;
  return (
    <Section title="Word segmentation" testId="panel-words">
      {!r ? (
        <Muted>No segmentation reported.</Muted>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          <MiniTable label="Entities" columns={['Category', 'Word']} rows={r.labels.map((l) => [l.category, l.word])} />
          <MiniTable
            label="Tokens"
            columns={['Word', 'Part of speech', 'Offset', 'Length']}
            rows={r.tokens.map((t) => [t.word, t.pos, t.offset, t.length])}
          />
        </div>
      )}
    </Section>
  );
}
