import { Muted, Section } from '../section';
import type { PanelProps } from './types';

/** MediaInfo: the result is the media information itself, shown in full in "Media info". */
export function MediainfoPanel({ job, operation }: PanelProps<'mediainfo'>) {
  const info = operation.mediaInfo;
  return (
    <Section title="Media information result" testId="panel-mediainfo">
      {info ? (
        <p className="text-sm">
          {info.video.length} video, {info.audio.length} audio and {info.subtitle.length} subtitle stream
          {info.video.length + info.audio.length + info.subtitle.length === 1 ? '' : 's'} read from the input (details
          in Input media info).
        </p>
      ) : (
        <Muted>No media information yet: the job is {job.state}.</Muted>
      )}
    </Section>
  );
}
