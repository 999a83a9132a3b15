import { Copyable, MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** StreamExtract: one object per separated stream. */
export function StreamExtractPanel({ operation }: PanelProps<'stream-extract'>) {
  const streams = operation.output?.streamExtract ?? [];
  return (
    <Section title="Separated streams" testId="panel-stream-extract">
      {streams.length === 0 ? (
        <Muted>No streams reported.</Muted>
      ) : (
        <MiniTable
          label="Separated streams"
          columns={['Stream index', 'Object']}
          rows={streams.map((s, i) => [
            s.index ?? '—',
            <Copyable key={i} value={s.object} label={`stream ${s.index ?? i} object`} />,
          ])}
        />
      )}
    </Section>
  );
}
