import { MiniTable, Muted, Section } from '../section';
import type { PanelProps } from './types';

/** VideoTag: recognised tags with their class and confidence. */
export function VideoTagPanel({ detail }: PanelProps<'video-tag'>) {
  const r = detail.videoTag;
  return (
    <Section title="Video tags" testId="panel-video-tag">
      {!r ? (
        <Muted>No tags reported.</Muted>
      ) : (
        <>
          {r.subErrCode && r.subErrCode !== '0' && (
            <p className="mb-2 text-sm text-red-700 dark:text-red-300">
              {r.subErrCode}: {r.subErrMsg}
            </p>
          )}
          <MiniTable
            label="Video tags"
            columns={['Tag', 'Class', 'Confidence']}
            rows={r.tags.map((t) => [t.tag, t.tagCls ?? '—', t.confidence === null ? '—' : `${t.confidence}%`])}
          />
        </>
      )}
    </Section>
  );
}
