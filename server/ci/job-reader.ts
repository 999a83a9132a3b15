/**
 * CI's job elements → the job model (lib/ci/types.ts): a JobsDetail read from its parsed tree, with
 * its input, output, Operation, media info and results. The other half of the XML edge, beside
 * server/ci/xml.ts, which turns CI's documents into trees (strict, then repaired) and pages.
 */
import 'server-only';

import { tagInfo } from '@/lib/ci/tags';
import type {
  AudioStream,
  Job,
  JobInput,
  JobOutput,
  MediaInfo,
  MediaResult,
  Operation,
  OutputFile,
  SubtitleStream,
  VideoStream,
  XmlTree,
} from '@/lib/ci/types';

import { readOperationDetail } from './families';
import type { XmlReader } from './xml-reader';

export function readJob(d: XmlReader): Job | null {
  const operation = d.child('Operation');
  const head = readJobHead(d);
  return head ? { ...head, operation: readOperation(head.tag, operation) } : null;
}

/** Everything of a JobsDetail but its Operation (which the caller has taken, or skipped). */
export function readJobHead(d: XmlReader): Omit<Job, 'operation'> | null {
  const jobId = d.str('JobId');
  if (!jobId) return null;
  const tag = d.str('Tag') ?? '';
  const progress = d.num('Progress');
  d.tree('Operation'); // taken by the caller; keeps it out of `extra`
  return {
    jobId,
    tag,
    subTag: d.str('SubTag'),
    state: d.str('State') ?? '',
    progress: progress === null ? null : Math.min(100, Math.max(0, progress)),
    code: d.str('Code'),
    message: d.text('Message'),
    creationTime: d.time('CreationTime'),
    startTime: d.time('StartTime'),
    endTime: d.time('EndTime'),
    queueId: d.str('QueueId'),
    queueType: d.str('QueueType') ?? tagInfo(tag)?.queueType ?? null,
    input: readInput(d.child('Input')),
    workflows: d.children('Workflow').map((w) => ({
      runId: w.str('RunId'),
      workflowId: w.str('WorkflowId'),
      workflowName: w.str('WorkflowName'),
      name: w.str('Name'),
    })),
    extra: d.rest(),
  };
}

function readInput(i: XmlReader | null): JobInput | null {
  if (!i) return null;
  return {
    bucket: i.str('BucketId') ?? i.str('Bucket'),
    region: i.str('Region'),
    object: i.str('Object'),
    url: i.str('Url'),
    lang: i.str('Lang'),
    type: i.str('Type'),
    cosHeaders: i
      .children('CosHeaders')
      .map((h) => ({ key: h.str('Key') ?? '', value: h.text('Value') ?? '' }))
      .filter((h) => h.key !== ''),
    extra: i.rest(),
  };
}

function readOutput(o: XmlReader | null): JobOutput | null {
  if (!o) return null;
  return {
    bucket: o.str('Bucket'),
    region: o.str('Region'),
    object: o.str('Object'),
    spriteObject: o.str('SpriteObject'),
    auObject: o.str('AuObject'),
    bassObject: o.str('BassObject'),
    drumObject: o.str('DrumObject'),
    streamExtract: o.children('StreamExtract').map((s) => ({ index: s.str('Index'), object: s.str('Object') })),
    extra: o.rest(),
  };
}

/** The requested configuration CI echoes back; shown as a tree, not interpreted. */
const CONFIG_ELEMENTS = [
  'Transcode',
  'Animation',
  'Snapshot',
  'SnapshotPrefix',
  'SmartCover',
  'ConcatTemplate',
  'VideoMontage',
  'Segment',
  'VideoEnhance',
  'VideoProcess',
  'SuperResolution',
  'SDRtoHDR',
  'TranscodeTemplateId',
  'Watermark',
  'Subtitles',
  'QualityEstimateConfig',
  'PicProcess',
  'PosterProduction',
  'SpeechRecognition',
  'NoiseReduction',
  'VoiceSeparate',
  'TtsTpl',
  'TtsConfig',
  'Translation',
  'WordsGeneralize',
  'VideoTargetRec',
  'SegmentVideoBody',
  'SplitVideoParts',
  'VideoTag',
  'FreeTranscode',
  'CustomId',
];

function readOperation(tag: string, op: XmlReader | null): Operation | null {
  if (!op) return null;
  // The family reader runs first so that the result elements it takes are not echoed as config.
  const detail = readOperationDetail(tag, op);
  const remove = op.child('RemoveWatermark');
  const dw = op.child('DigitalWatermark');
  const config: Record<string, XmlTree> = {};
  for (const name of CONFIG_ELEMENTS) {
    const value = op.has(name) ? op.tree(name) : undefined;
    if (value !== undefined) config[name] = value;
  }
  return {
    templateId: op.str('TemplateId'),
    templateName: op.str('TemplateName'),
    watermarkTemplateIds: op.strs('WatermarkTemplateId'),
    removeWatermark: remove
      ? { dx: remove.num('Dx'), dy: remove.num('Dy'), width: remove.num('Width'), height: remove.num('Height') }
      : null,
    digitalWatermark: dw
      ? {
          type: dw.str('Type'),
          message: dw.text('Message'),
          version: dw.str('Version'),
          ignoreError: dw.bool('IgnoreError'),
          state: dw.str('State'),
          extra: dw.rest(),
        }
      : null,
    output: readOutput(op.child('Output')),
    userData: op.text('UserData'),
    jobLevel: op.int('JobLevel'),
    mediaInfo: readMediaInfo(op.child('MediaInfo')),
    mediaResult: readMediaResult(op.child('MediaResult')),
    config,
    detail,
    extra: op.rest(),
  };
}

function readMediaInfo(m: XmlReader | null): MediaInfo | null {
  if (!m) return null;
  const f = m.child('Format');
  const streams = m.child('Stream');
  return {
    format: f
      ? {
          bitrateKbps: f.num('Bitrate'),
          durationSec: f.num('Duration'),
          formatName: f.str('FormatName'),
          formatLongName: f.str('FormatLongName'),
          numProgram: f.int('NumProgram'),
          numStream: f.int('NumStream'),
          sizeBytes: f.num('Size'),
          startTimeSec: f.num('StartTime'),
          extra: f.rest(),
        }
      : null,
    video: streams?.children('Video').map(readVideo) ?? [],
    audio: streams?.children('Audio').map(readAudio) ?? [],
    subtitle: streams?.children('Subtitle').map(readSubtitle) ?? [],
    extra: { ...m.rest(), ...(streams ? streams.rest() : {}) },
  };
}

function readVideo(v: XmlReader): VideoStream {
  return {
    index: v.int('Index'),
    codecName: v.str('CodecName'),
    codecLongName: v.str('CodecLongName'),
    codecTagString: v.str('CodecTagString'),
    profile: v.str('Profile'),
    level: v.str('Level'),
    width: v.int('Width'),
    height: v.int('Height'),
    dar: v.str('Dar'),
    sar: v.str('Sar'),
    fps: v.num('Fps'),
    avgFps: v.num('AvgFps'),
    bitrateKbps: v.num('Bitrate'),
    pixFormat: v.str('PixFormat'),
    colorRange: v.str('ColorRange'),
    colorTransfer: v.str('ColorTransfer'),
    colorPrimaries: v.str('ColorPrimaries'),
    durationSec: v.num('Duration'),
    numFrames: v.int('NumFrames'),
    rotation: v.num('Rotation'),
    hasBFrame: v.bool('HasBFrame'),
    refFrames: v.int('RefFrames'),
    language: v.str('Language'),
    extra: v.rest(),
  };
}

function readAudio(a: XmlReader): AudioStream {
  return {
    index: a.int('Index'),
    codecName: a.str('CodecName'),
    codecLongName: a.str('CodecLongName'),
    codecTagString: a.str('CodecTagString'),
    channels: a.int('Channel'),
    channelLayout: a.str('ChannelLayout'),
    sampleRate: a.int('SampleRate'),
    sampleFmt: a.str('SampleFmt'),
    bitrateKbps: a.num('Bitrate'),
    durationSec: a.num('Duration'),
    language: a.str('Language'),
    extra: a.rest(),
  };
}

function readSubtitle(s: XmlReader): SubtitleStream {
  return { index: s.int('Index'), language: s.str('Language'), extra: s.rest() };
}

function readOutputFile(o: XmlReader): OutputFile {
  return {
    bucket: o.str('Bucket'),
    region: o.str('Region'),
    objectNames: o.strs('ObjectName'),
    objectPrefix: o.str('ObjectPrefix'),
    md5: o
      .children('Md5Info')
      .map((m) => ({ md5: m.str('Md5') ?? '', objectName: m.str('ObjectName') }))
      .filter((m) => m.md5 !== ''),
    extra: o.rest(),
  };
}

function readMediaResult(r: XmlReader | null): MediaResult | null {
  if (!r) return null;
  // Sprite files appear beside OutputFile or nested inside it, depending on the tag.
  const sprites = r.children('SpriteOutputFile').map(readOutputFile);
  const outputFiles = r.children('OutputFile').map((o) => {
    sprites.push(...o.children('SpriteOutputFile').map(readOutputFile));
    return readOutputFile(o);
  });
  return { outputFiles, spriteOutputFiles: sprites, extra: r.rest() };
}
