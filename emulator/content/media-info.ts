/**
 * Synthetic ffprobe-like media descriptions (`MediaInfo`) and output listings (`MediaResult`).
 *
 * The numbers hang together the way a real probe's do (bit rate ≈ size / duration, frame count ≈
 * fps × duration, stream indexes in order) so a detail view that cross-checks or formats them
 * shows believable values. Element order follows CI's responses (alphabetical within a stream).
 */
import type { XmlNode } from '../node';
import type { Rng } from '../random';

export type Container = 'mp4' | 'hls' | 'flv' | 'mkv' | 'gif' | 'mp3' | 'wav' | 'm4a';
export type VideoCodec = 'h264' | 'hevc' | 'av1' | 'gif';

export interface MediaSpec {
  container: Container;
  durationS: number;
  video?: { codec: VideoCodec; width: number; height: number; fps: number; bitrateKbps: number };
  audioTracks: number;
  subtitle: boolean;
}

const CONTAINERS: Record<Container, readonly [longName: string, name: string]> = {
  mp4: ['QuickTime / MOV', 'mov,mp4,m4a,3gp,3g2,mj2'],
  m4a: ['QuickTime / MOV', 'mov,mp4,m4a,3gp,3g2,mj2'],
  hls: ['Apple HTTP Live Streaming', 'hls'],
  flv: ['FLV (Flash Video)', 'flv'],
  mkv: ['Matroska / WebM', 'matroska,webm'],
  gif: ['CompuServe Graphics Interchange Format (GIF)', 'gif'],
  mp3: ['MP2/3 (MPEG audio layer 2/3)', 'mp3'],
  wav: ['WAV / WAVE (Waveform Audio)', 'wav'],
};

const VIDEO_CODECS: Record<
  VideoCodec,
  { long: string; tag: string; tagString: string; profiles: readonly string[]; levels: readonly string[]; pix: string }
> = {
  h264: {
    long: 'H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10',
    tag: '0x31637661',
    tagString: 'avc1',
    profiles: ['High', 'Main', 'Baseline'],
    levels: ['31', '40', '41'],
    pix: 'yuv420p',
  },
  hevc: {
    long: 'H.265 / HEVC (High Efficiency Video Coding)',
    tag: '0x31637668',
    tagString: 'hvc1',
    profiles: ['Main', 'Main 10'],
    levels: ['120', '123', '150'],
    pix: 'yuv420p',
  },
  av1: {
    long: 'Alliance for Open Media AV1',
    tag: '0x31307661',
    tagString: 'av01',
    profiles: ['Main'],
    levels: ['8', '12'],
    pix: 'yuv420p',
  },
  gif: {
    long: 'CompuServe GIF (Graphics Interchange Format)',
    tag: '0x0000',
    tagString: '[0][0][0][0]',
    profiles: ['-99'],
    levels: ['-99'],
    pix: 'bgra',
  },
};

const f6 = (n: number) => n.toFixed(6);
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

function aspect(width: number, height: number): string {
  const g = gcd(width, height) || 1;
  return `${width / g}:${height / g}`;
}

function videoStream(rng: Rng, spec: NonNullable<MediaSpec['video']>, durationS: number, index: number): XmlNode {
  const codec = VIDEO_CODECS[spec.codec];
  const duration = durationS - rng.float(0, 0.05);
  const timebase = spec.codec === 'gif' ? '1/100' : rng.pick(['1/12800', '1/15360', '1/90000', '1/1000']);
  const hdr = spec.codec === 'hevc' && rng.chance(0.2);
  return {
    AvgFps: f6(spec.fps),
    Bitrate: f6(spec.bitrateKbps * rng.float(0.9, 1.05)),
    CodecLongName: codec.long,
    CodecName: spec.codec,
    CodecTag: codec.tag,
    CodecTagString: codec.tagString,
    CodecTimeBase: spec.codec === 'gif' ? '1/100' : `1/${Math.round(spec.fps * 2)}`,
    ColorPrimaries: hdr ? 'bt2020' : rng.pick(['bt709', 'bt470bg', 'unknown']),
    ColorRange: 'tv',
    ColorTransfer: hdr ? 'smpte2084' : rng.pick(['bt709', 'smpte170m', 'unknown']),
    Dar: aspect(spec.width, spec.height),
    Duration: f6(duration),
    FieldOrder: 'progressive',
    Fps: f6(spec.fps),
    HasBFrame: spec.codec === 'gif' ? '0' : rng.pick(['0', '2']),
    Height: String(spec.height),
    Index: String(index),
    Language: 'und',
    Level: rng.pick(codec.levels),
    NumFrames: String(Math.round(duration * spec.fps)),
    PixFormat: hdr ? 'yuv420p10le' : codec.pix,
    Profile: rng.pick(codec.profiles),
    RefFrames: rng.pick(['1', '3', '4']),
    Rotation: f6(0),
    Sar: '1:1',
    StartTime: f6(0),
    Timebase: timebase,
    Width: String(spec.width),
  };
}

function audioStream(rng: Rng, durationS: number, index: number, language: string, container: Container): XmlNode {
  const mp3 = container === 'mp3';
  const wav = container === 'wav';
  const sampleRate = rng.pick(['44100', '48000']);
  const channels = rng.chance(0.85) ? 2 : 1;
  return {
    Bitrate: f6(
      wav ? (Number(sampleRate) * channels * 16) / 1000 : rng.pick([64, 96, 128, 192]) * rng.float(0.97, 1.01),
    ),
    Channel: String(channels),
    ChannelLayout: channels === 2 ? 'stereo' : 'mono',
    CodecLongName: mp3
      ? 'MP3 (MPEG audio layer 3)'
      : wav
        ? 'PCM signed 16-bit little-endian'
        : 'AAC (Advanced Audio Coding)',
    CodecName: mp3 ? 'mp3' : wav ? 'pcm_s16le' : 'aac',
    CodecTag: mp3 ? '0x0000' : wav ? '0x0001' : '0x6134706d',
    CodecTagString: mp3 ? '[0][0][0][0]' : wav ? '[1][0][0][0]' : 'mp4a',
    CodecTimeBase: `1/${sampleRate}`,
    Duration: f6(durationS - rng.float(0, 0.03)),
    Index: String(index),
    Language: language,
    SampleFmt: mp3 ? 's16p' : wav ? 's16' : 'fltp',
    SampleRate: sampleRate,
    StartTime: f6(0),
    Timebase: `1/${sampleRate}`,
  };
}

function subtitleStream(durationS: number, index: number, language: string): XmlNode {
  return {
    CodecLongName: 'MOV text',
    CodecName: 'mov_text',
    CodecTag: '0x67337874',
    CodecTagString: 'tx3g',
    CodecTimeBase: '0/1',
    Duration: f6(durationS),
    Index: String(index),
    Language: language,
    StartTime: f6(0),
    Timebase: '1/1000',
  };
}

/** `Operation/MediaInfo`: Format plus Stream{Audio[], Subtitle, Video[]}. */
export function mediaInfo(rng: Rng, spec: MediaSpec): XmlNode {
  const [longName, name] = CONTAINERS[spec.container];
  let index = 0;
  const video = spec.video ? [videoStream(rng, spec.video, spec.durationS, index++)] : [];
  const languages = ['chi', 'eng', 'jpn'];
  const audio: XmlNode[] = [];
  for (let i = 0; i < spec.audioTracks; i++) {
    audio.push(
      audioStream(
        rng,
        spec.durationS,
        index++,
        i === 0 && rng.chance(0.5) ? 'und' : (languages[i] ?? 'und'),
        spec.container,
      ),
    );
  }
  const subtitle = spec.subtitle ? subtitleStream(spec.durationS, index++, rng.pick(['chi', 'eng'])) : null;
  const audioKbps = audio.reduce((sum, a) => sum + Number(a.Bitrate), 0);
  const totalKbps = (spec.video?.bitrateKbps ?? 0) + audioKbps + 3;
  const stream: XmlNode = {};
  if (audio.length > 0) stream.Audio = audio;
  stream.Subtitle = subtitle;
  if (video.length > 0) stream.Video = video;
  return {
    Format: {
      Bitrate: f6(totalKbps),
      Duration: f6(spec.durationS),
      FormatLongName: longName,
      FormatName: name,
      NumProgram: '0',
      NumStream: String(index),
      Size: String(Math.round((totalKbps * 1000 * spec.durationS) / 8)),
      StartTime: f6(0),
    },
    Stream: stream,
  };
}

export interface OutputFileSpec {
  bucket: string;
  region: string;
  objects: readonly string[];
  sprites?: readonly string[];
}

function fileList(rng: Rng, bucket: string, region: string, objects: readonly string[]): XmlNode {
  return {
    Bucket: bucket,
    Region: region,
    ObjectName: [...objects],
    ObjectPrefix: null,
    Md5Info: objects.map((o) => ({ Md5: rng.hex(32), ObjectName: o })),
  };
}

/** `Operation/MediaResult`: the files written, each with its MD5. */
export function mediaResult(rng: Rng, spec: OutputFileSpec): XmlNode {
  const outputFile = fileList(rng, spec.bucket, spec.region, spec.objects);
  if (spec.sprites && spec.sprites.length > 0)
    outputFile.SpriteOutputFile = fileList(rng, spec.bucket, spec.region, spec.sprites);
  return { OutputFile: outputFile };
}
