import { formatBytes } from '@/lib/format';

import { Copyable, Fields, MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** PicProcess: the original image and the processed ones. */
export function PicPanel({ detail }: PanelProps<'pic'>) {
  const r = detail.pic;
  return (
    <Section title="Image processing result" testId="panel-pic">
      {!r ? (
        <Muted>No image result reported.</Muted>
      ) : (
        <>
          {r.original && (
            <Fields
              entries={[
                ['Original', <Copyable key="k" value={r.original.key} label="original key" />],
                ['Format', r.original.format],
                ['Size', r.original.width && r.original.height ? `${r.original.width} × ${r.original.height}` : null],
              ]}
            />
          )}
          {r.processed.length > 0 && (
            <div className="mt-2">
              <MiniTable
                label="Processed images"
                columns={['Object', 'Format', 'Dimensions', 'Size']}
                rows={r.processed.map((p, i) => [
                  <Copyable key={i} value={p.key} label="processed key" />,
                  p.format ?? '—',
                  p.width && p.height ? `${p.width} × ${p.height}` : '—',
                  formatBytes(p.sizeBytes),
                ])}
              />
            </div>
          )}
        </>
      )}
    </Section>
  );
}
