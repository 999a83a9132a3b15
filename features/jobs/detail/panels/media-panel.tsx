import { formatBytes, formatDuration, formatKbps } from '@/lib/format';

import { Copyable, Fields, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** Transcode, Animation, Concat, Segment, …: the produced media at a glance (details below). */
export function MediaPanel({ job, operation }: PanelProps<'media'>) {
  const f = operation.mediaInfo?.format;
  const files = operation.mediaResult?.outputFiles.flatMap((o) => o.objectNames) ?? [];
  return (
    <Section title={`${job.tag} result`} testId="panel-media">
      {job.state !== 'Success' && files.length === 0 ? (
        <Muted>No output yet: the job is {job.state}.</Muted>
      ) : (
        <Fields
          entries={[
            ['Output', <Copyable key="o" value={operation.output?.object} label="output object" />],
            ['Files produced', String(files.length)],
            ['Container', f ? (f.formatName ?? null) : undefined],
            ['Duration', f ? formatDuration(f.durationSec) : undefined],
            ['Size', f ? formatBytes(f.sizeBytes) : undefined],
            ['Bitrate', f ? formatKbps(f.bitrateKbps) : undefined],
          ]}
        />
      )}
    </Section>
  );
}
