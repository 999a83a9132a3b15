import type { ReactNode } from 'react';

import type { MediaInfo, XmlTree } from '@/lib/ci/types';
import { formatBytes, formatDuration, formatKbps, formatNumber, formatSampleRate } from '@/lib/format';

import { Fields, MiniTable, Section } from './section';

/** A text leaf of an uninterpreted bag (the full bag is listed under "Other fields"). */
function text(value: XmlTree | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function resolution(w: number | null, h: number | null) {
  return w && h ? `${w} × ${h}` : '—';
}

function colour(v: { colorRange: string | null; colorPrimaries: string | null; colorTransfer: string | null }) {
  const parts = [v.colorRange, v.colorPrimaries, v.colorTransfer].filter(Boolean);
  return parts.length ? parts.join(' / ') : '—';
}

/**
 * The media's format and its streams, in units a person reads. `title` says whose media it is
 * (media-summary mediaInfoTitle); `lead` goes first (the input's summary beside the output's).
 */
export function MediaInfoSection({ info, title, lead }: { info: MediaInfo; title: string; lead?: ReactNode }) {
  const f = info.format;
  return (
    <Section title={title} testId="detail-media-info">
      {lead}
      {f && (
        <Fields
          entries={[
            ['Container', f.formatLongName ? `${f.formatName ?? '?'} (${f.formatLongName})` : f.formatName],
            ['Duration', formatDuration(f.durationSec)],
            ['Size', formatBytes(f.sizeBytes)],
            ['Bitrate', formatKbps(f.bitrateKbps)],
            ['Streams', f.numStream === null ? undefined : String(f.numStream)],
          ]}
        />
      )}
      <StreamTable
        title="Video streams"
        testId="video-streams"
        columns={['#', 'Codec', 'Profile', 'Resolution', 'FPS', 'Bitrate', 'Pixel format', 'Colour', 'Duration']}
        rows={info.video.map((v) => [
          v.index,
          <span key="c" title={v.codecLongName ?? undefined}>
            {v.codecName ?? '—'}
          </span>,
          [v.profile, v.level && `L${v.level}`].filter(Boolean).join(' ') || '—',
          resolution(v.width, v.height),
          formatNumber(v.fps ?? v.avgFps, 3),
          formatKbps(v.bitrateKbps),
          v.pixFormat ?? '—',
          colour(v),
          formatDuration(v.durationSec),
        ])}
      />
      <StreamTable
        title="Audio streams"
        testId="audio-streams"
        columns={['#', 'Codec', 'Channels', 'Layout', 'Sample rate', 'Bitrate', 'Language', 'Duration']}
        rows={info.audio.map((a) => [
          a.index,
          <span key="c" title={a.codecLongName ?? undefined}>
            {a.codecName ?? '—'}
          </span>,
          a.channels,
          a.channelLayout ?? '—',
          formatSampleRate(a.sampleRate),
          formatKbps(a.bitrateKbps),
          a.language ?? '—',
          formatDuration(a.durationSec),
        ])}
      />
      <StreamTable
        title="Subtitle streams"
        columns={['#', 'Codec', 'Language', 'Duration']}
        rows={info.subtitle.map((s) => [
          s.index,
          text(s.extra.CodecName) ?? '—',
          s.language ?? '—',
          formatDuration(Number(text(s.extra.Duration) ?? NaN)),
        ])}
      />
      {info.video.length + info.audio.length + info.subtitle.length === 0 && !f && (
        <p className="text-sm text-slate-500 dark:text-slate-400 italic">No media information reported.</p>
      )}
    </Section>
  );
}

/** One kind of stream as a small table under its heading; nothing when there is none. */
function StreamTable({
  title,
  rows,
  ...table
}: {
  title: string;
  testId?: string;
  columns: string[];
  rows: ReactNode[][];
}) {
  if (rows.length === 0) return null;
  return (
    <div className="mt-3">
      <h4 className="mb-1 text-xs font-medium text-slate-500 dark:text-slate-400">{title}</h4>
      <MiniTable label={title} rows={rows} {...table} />
    </div>
  );
}
