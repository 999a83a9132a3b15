import { Copyable, Fields, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** DigitalWatermark (what was embedded) and ExtractDigitalWatermark (what was found). */
export function DigitalWatermarkPanel({ job, operation, detail }: PanelProps<'digital-watermark'>) {
  const embedded = operation.digitalWatermark;
  const found = detail.extracted;
  return (
    <Section title="Digital watermark" testId="panel-digital-watermark">
      {job.tag === 'ExtractDigitalWatermark' ? (
        found ? (
          <Fields
            entries={[
              ['Extracted message', <Copyable key="m" value={found.message} label="extracted message" />],
              ['Type', found.type],
              ['Version', found.version],
            ]}
          />
        ) : (
          <Muted>No watermark extracted yet.</Muted>
        )
      ) : embedded ? (
        <Fields
          entries={[
            ['Embedded message', <Copyable key="m" value={embedded.message} label="embedded message" />],
            ['Type', embedded.type],
            ['Version', embedded.version],
            ['State', embedded.state ?? undefined],
          ]}
        />
      ) : (
        <Muted>No watermark reported.</Muted>
      )}
    </Section>
  );
}
