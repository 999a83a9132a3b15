/**
 * Operation content for the media-processing tags (Transcoding queue type): transcode-like jobs,
 * snapshots and covers, packaging, watermarks, stream extraction and probing.
 */
import type { Tag } from '@/lib/ci/tags';

import type { XmlNode } from '../node';
import { hashString, Rng } from '../random';
import {
  isSuccess,
  mediaDuration,
  outputKey,
  outputNode,
  pickTemplate,
  trailer,
  type ContentContext,
  type OperationBuilder,
  type Template,
} from './common';
import { mediaInfo, mediaResult, type Container, type MediaSpec, type VideoCodec } from './media-info';

function specFrom(ctx: ContentContext, t: Template | undefined, durationS: number): MediaSpec {
  const p = t?.params ?? {};
  const container = (p.container as Container | undefined) ?? 'mp4';
  const gif = container === 'gif';
  return {
    container,
    durationS,
    video: {
      codec: gif ? 'gif' : ((p.codec as VideoCodec | undefined) ?? 'h264'),
      width: Number(p.width ?? 1280),
      height: Number(p.height ?? 720),
      fps: Number(p.fps ?? 25),
      bitrateKbps: Number(p.kbps ?? 1500),
    },
    audioTracks: gif ? 0 : ctx.rng.chance(0.25) ? 2 : 1,
    subtitle: !gif && ctx.rng.chance(0.3),
  };
}

/** Draws that came after the first emulator's: their own generator, so the older draws stay as they were. */
const extraRng = (ctx: ContentContext, purpose: string) => new Rng(hashString(purpose, ctx.job.contentSeed));

/** An inline watermark as CI echoes it (reference §5.2): a logo image or a text. */
function inlineWatermark(ctx: ContentContext, rng: Rng): XmlNode {
  const common = {
    Pos: rng.pick(['TopRight', 'TopLeft', 'BottomLeft', 'BottomRight']),
    LocMode: 'Absolute',
    Dx: String(rng.int(0, 64)),
    Dy: String(rng.int(0, 64)),
    StartTime: '0',
    EndTime: '-1',
  };
  return rng.chance(0.5)
    ? {
        Type: 'Image',
        ...common,
        Image: {
          Url: `https://${ctx.bucket}.cos.${ctx.region}.myqcloud.com/watermark/logo.png`,
          Mode: 'Proportion',
          Width: '10',
          Height: '',
          Transparency: '90',
          Background: 'false',
        },
      }
    : {
        Type: 'Text',
        ...common,
        Text: { FontSize: '24', FontType: 'simfang.ttf', FontColor: '0xFFFFFF', Transparency: '80', Text: '© 2025' },
      };
}

/**
 * The transcode family's watermark knobs: WatermarkTemplateId (0..3) or, sometimes, the same
 * watermarks inline (Watermark[]); RemoveWatermark; DigitalWatermark. `atLeastOne`: a Watermark
 * job always adds one (a Watermark job without a watermark is not one CI would run).
 */
function watermarkConfig(ctx: ContentContext, withDigital: boolean, atLeastOne = false): XmlNode {
  const { rng } = ctx;
  const ids: string[] = [];
  const drawn = rng.weighted([
    [0, 5],
    [1, 3],
    [2, 1],
    [3, 1],
  ] as const);
  const count = atLeastOne ? Math.max(1, drawn) : drawn;
  for (let i = 0; i < count; i++) ids.push(pickTemplate(ctx, 'WatermarkOverlay')?.id ?? '');
  const node: XmlNode = {};
  const extra = extraRng(ctx, 'watermark');
  if (ids.length > 0 && extra.chance(0.3)) node.Watermark = ids.map(() => inlineWatermark(ctx, extra));
  else if (ids.length > 0) node.WatermarkTemplateId = ids;
  if (rng.chance(0.15)) {
    node.RemoveWatermark = {
      Dx: String(rng.int(0, 300)),
      Dy: String(rng.int(0, 300)),
      Width: String(rng.int(40, 200)),
      Height: String(rng.int(20, 120)),
    };
  }
  if (withDigital && rng.chance(0.12)) node.DigitalWatermark = digitalWatermark(ctx);
  return node;
}

function digitalWatermark(ctx: ContentContext): XmlNode {
  const state =
    ctx.state === 'Success' || ctx.state === 'Failed' ? ctx.state : ctx.state === 'Running' ? 'Running' : 'Submitted';
  return {
    Type: 'Text',
    Message: ctx.rng.pick(['123456789ab', 'copyright:acme-2025', 'uid=10293', '版权所有']),
    Version: 'V1',
    IgnoreError: ctx.rng.pick(['false', 'true']),
    State: state,
  };
}

/** A template's settings written inline, as a job created without a template echoes them (reference §5.3). */
function inlineSettings(tag: Tag, t: Template | undefined): XmlNode {
  const p = t?.params ?? {};
  const video = {
    Codec: p.codec === 'hevc' ? 'H.265' : p.codec === 'av1' ? 'AV1' : p.container === 'gif' ? 'gif' : 'H.264',
    Width: String(p.width ?? 1280),
    Height: String(p.height ?? 720),
    Fps: String(p.fps ?? 25),
    ...(p.kbps ? { Bitrate: String(p.kbps) } : {}),
  };
  const container = { Format: String(p.container ?? 'mp4') };
  const audio = { Codec: 'aac', Samplerate: '44100', Bitrate: '128', Channels: '2' };
  switch (tag) {
    case 'Animation':
      return { Animation: { Container: container, Video: { ...video, AnimateFramesPerSecond: String(p.fps ?? 10) } } };
    case 'VideoMontage':
      return { VideoMontage: { Container: container, Video: video, Audio: audio, Duration: String(p.seconds ?? 60) } };
    case 'VideoEnhance':
      return {
        VideoEnhance: {
          Transcode: { Container: container, Video: video, Audio: audio },
          ...(String(t?.name).startsWith('super')
            ? { SuperResolution: { Resolution: 'sdtohd', EnableScaleUp: 'true', Version: 'Enhance' } }
            : { ColorEnhance: { Enable: 'true', Contrast: '10', Correction: '', Saturation: '10' } }),
        },
      };
    default:
      return { Transcode: { Container: container, Video: video, Audio: audio } };
  }
}

/** The template, or (for a share of jobs) the same settings inline; a job failing on its TemplateId always names one. */
function templateOrInline(ctx: ContentContext, tag: Tag, template: Template | undefined): XmlNode {
  const namesTemplate = ctx.job.failure?.message.includes('TemplateId');
  if (!namesTemplate && extraRng(ctx, 'inline').chance(0.35)) return inlineSettings(tag, template);
  return { TemplateId: template?.id, TemplateName: template?.name };
}

/** Transcode-like jobs: a template, watermarks, one output file, MediaInfo and MediaResult on success. */
function transcodeLike(tag: Tag, suffixOf: (t: Template | undefined) => string): OperationBuilder {
  return (ctx) => {
    const template = pickTemplate(ctx, tag);
    const duration = mediaDuration(ctx);
    const container = (template?.params.container as Container | undefined) ?? 'mp4';
    const ext = container === 'hls' ? 'm3u8' : container;
    const object = outputKey(ctx, suffixOf(template), ext);
    // A GIF carries no watermark (CI's Animation has none); the draws are made all the same.
    const watermarks = watermarkConfig(ctx, tag === 'Transcode', tag === 'Watermark');
    const op: XmlNode = {
      ...templateOrInline(ctx, tag, template),
      ...(tag === 'Animation' ? {} : watermarks),
      Output: outputNode(ctx, object),
      ...trailer(ctx),
    };
    if (!isSuccess(ctx)) return op;
    const spec = specFrom(ctx, template, duration);
    op.MediaInfo = mediaInfo(ctx.rng, spec);
    const objects = [object];
    if (container === 'hls') {
      const parts = Math.min(8, Math.max(1, Math.ceil(duration / 10)));
      const base = object.slice(0, -'.m3u8'.length);
      for (let i = 0; i < parts; i++) objects.push(`${base}-${i}.ts`);
    }
    op.MediaResult = mediaResult(ctx.rng, { bucket: ctx.bucket, region: ctx.region, objects });
    return op;
  };
}

const resolutionSuffix = (t: Template | undefined) => (t ? `_${t.params.height ?? 'out'}p` : '_out');

const transcode = transcodeLike('Transcode', resolutionSuffix);
const animation = transcodeLike('Animation', () => '_anim');
const videoEnhance = transcodeLike('VideoEnhance', (t) => (t?.name.startsWith('super') ? '_4k' : '_enhanced'));
const videoMontage = transcodeLike('VideoMontage', () => '_highlights');
const watermark = transcodeLike('Watermark', () => '_wm');

const concat: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const object = outputKey(ctx, '_concat', 'mp4');
  const fragments: XmlNode[] = [];
  const count = rng.int(2, 4);
  for (let i = 0; i < count; i++) {
    fragments.push({
      Url: `https://${ctx.bucket}.cos.${ctx.region}.myqcloud.com/clips/part${i + 1}.mp4`,
      Mode: i === 0 ? 'Start' : i === count - 1 ? 'End' : 'Start',
      StartTime: '0',
      EndTime: String(rng.int(5, 60)),
    });
  }
  const op: XmlNode = {
    ConcatTemplate: {
      ConcatFragment: fragments,
      Audio: { Codec: 'mp3', Samplerate: '44100', Bitrate: '128', Channels: '2' },
      Video: { Codec: 'H.264', Width: '1280', Height: '720', Fps: '25', Bitrate: '2000' },
      Container: { Format: 'mp4' },
      DirectConcat: 'false',
    },
    Output: outputNode(ctx, object),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  op.MediaInfo = mediaInfo(rng, specFrom(ctx, undefined, mediaDuration(ctx)));
  op.MediaResult = mediaResult(rng, { bucket: ctx.bucket, region: ctx.region, objects: [object] });
  return op;
};

const segment: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const format = rng.pick(['hls', 'mp4', 'ts']);
  const step = rng.pick([10, 30, 60]);
  const ext = format === 'hls' ? 'ts' : format;
  const pattern = outputKey(ctx, '/part-${Number}', ext, 'segment/');
  const op: XmlNode = {
    Segment: { Format: format, Duration: String(step) },
    Output: outputNode(ctx, pattern),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  const duration = mediaDuration(ctx);
  const parts = Math.min(80, Math.max(2, Math.ceil(duration / step)));
  const objects: string[] = [];
  for (let i = 0; i < parts; i++) objects.push(pattern.replace('${Number}', String(i)));
  if (format === 'hls') objects.unshift(outputKey(ctx, '/index', 'm3u8', 'segment/'));
  op.MediaInfo = mediaInfo(rng, specFrom(ctx, undefined, duration));
  op.MediaResult = mediaResult(rng, { bucket: ctx.bucket, region: ctx.region, objects });
  return op;
};

const snapshot: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const template = pickTemplate(ctx, 'Snapshot');
  const p = template?.params ?? {};
  const format = String(p.format ?? 'jpg');
  const sprite = Number(p.sprite ?? 0) === 1;
  const pattern = outputKey(ctx, '/frame-${Number}', format, 'snapshot/');
  const spritePattern = sprite ? outputKey(ctx, '/sprite-${Number}', 'jpg', 'snapshot/') : undefined;
  const inline =
    !ctx.job.failure?.message.includes('TemplateId') && extraRng(ctx, 'inline').chance(0.35)
      ? {
          Snapshot: {
            Mode: String(p.mode ?? 'Interval'),
            Start: '0',
            TimeInterval: '10',
            Count: String(p.count ?? 10),
            Width: '640',
            Height: '360',
            ...(sprite
              ? { SnapshotOutMode: 'SnapshotAndSprite', SpriteSnapshotConfig: { Columns: '10', Lines: '10' } }
              : {}),
          },
        }
      : undefined;
  const op: XmlNode = {
    ...(inline ?? { TemplateId: template?.id, TemplateName: template?.name }),
    Output: outputNode(ctx, pattern, { SpriteObject: spritePattern }),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  const count = Number(p.count ?? 10);
  const objects = Array.from({ length: count }, (_, i) => pattern.replace('${Number}', String(i)));
  const sprites = spritePattern
    ? Array.from({ length: rng.int(1, 3) }, (_, i) => spritePattern.replace('${Number}', String(i)))
    : undefined;
  op.MediaResult = mediaResult(rng, {
    bucket: ctx.bucket,
    region: ctx.region,
    objects,
    ...(sprites ? { sprites } : {}),
  });
  return op;
};

const smartCover: OperationBuilder = (ctx) => {
  const template = pickTemplate(ctx, 'SmartCover');
  const count = ctx.rng.int(1, 5);
  const pattern = outputKey(ctx, '/cover-${Number}', 'jpg', 'cover/');
  const op: XmlNode = ctx.rng.chance(0.5)
    ? { TemplateId: template?.id, TemplateName: template?.name }
    : { SmartCover: { Format: 'jpg', Width: '1280', Height: '720', Count: String(count), DeleteDuplicates: 'true' } };
  Object.assign(op, { Output: outputNode(ctx, pattern), ...trailer(ctx) });
  if (!isSuccess(ctx)) return op;
  const objects = Array.from({ length: count }, (_, i) => pattern.replace('${Number}', String(i)));
  op.MediaResult = mediaResult(ctx.rng, { bucket: ctx.bucket, region: ctx.region, objects });
  return op;
};

const digitalWatermarkJob: OperationBuilder = (ctx) => {
  const object = outputKey(ctx, '_dwm', 'mp4');
  const op: XmlNode = { DigitalWatermark: digitalWatermark(ctx), Output: outputNode(ctx, object), ...trailer(ctx) };
  if (!isSuccess(ctx)) return op;
  op.MediaInfo = mediaInfo(ctx.rng, specFrom(ctx, undefined, mediaDuration(ctx)));
  op.MediaResult = mediaResult(ctx.rng, { bucket: ctx.bucket, region: ctx.region, objects: [object] });
  return op;
};

const extractDigitalWatermark: OperationBuilder = (ctx) => {
  const message = ctx.rng.pick(['123456789ab', 'copyright:acme-2025', 'uid=10293', '版权所有']);
  return {
    ExtractDigitalWatermark: { Type: 'Text', Version: 'V1', Message: isSuccess(ctx) ? message : undefined },
    ...trailer(ctx),
  };
};

const segmentVideoBody: OperationBuilder = (ctx) => {
  const mode = ctx.rng.pick(['Mask', 'Foreground', 'Combination']);
  const object = outputKey(ctx, `_${mode.toLowerCase()}`, 'mp4');
  const op: XmlNode = {
    SegmentVideoBody: { Mode: mode, SegmentType: 'HumanSeg', BinaryThreshold: '0.5' },
    Output: outputNode(ctx, object),
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  op.MediaResult = mediaResult(ctx.rng, { bucket: ctx.bucket, region: ctx.region, objects: [object] });
  return op;
};

const mediaInfoJob: OperationBuilder = (ctx) => {
  if (!isSuccess(ctx)) return null;
  const { rng } = ctx;
  const duration = mediaDuration(ctx);
  const height = rng.pick([360, 480, 720, 1080, 1920, 2160]);
  const width = height === 1920 ? 1080 : Math.round((height * 16) / 9 / 2) * 2;
  return {
    MediaInfo: mediaInfo(rng, {
      container: rng.pick(['mp4', 'mp4', 'mkv', 'flv'] as const),
      durationS: duration,
      video: {
        codec: rng.pick(['h264', 'h264', 'hevc'] as const),
        width,
        height,
        fps: rng.pick([24, 25, 29.97, 30, 60]),
        bitrateKbps: rng.int(500, 12000),
      },
      audioTracks: rng.chance(0.2) ? 2 : 1,
      subtitle: rng.chance(0.2),
    }),
  };
};

const streamExtract: OperationBuilder = (ctx) => {
  const streams = [
    { Index: '0', Object: outputKey(ctx, '_video', 'h264', 'extract/') },
    { Index: '1', Object: outputKey(ctx, '_audio', 'aac', 'extract/') },
  ];
  if (ctx.rng.chance(0.3)) streams.push({ Index: '2', Object: outputKey(ctx, '_subtitle', 'srt', 'extract/') });
  const op: XmlNode = {
    Output: { Region: ctx.region, Bucket: ctx.bucket, StreamExtract: streams },
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  op.MediaResult = mediaResult(ctx.rng, {
    bucket: ctx.bucket,
    region: ctx.region,
    objects: streams.map((s) => s.Object),
  });
  return op;
};

export const MEDIA_BUILDERS = {
  Transcode: transcode,
  Animation: animation,
  VideoEnhance: videoEnhance,
  Snapshot: snapshot,
  SmartCover: smartCover,
  Concat: concat,
  VideoMontage: videoMontage,
  Segment: segment,
  DigitalWatermark: digitalWatermarkJob,
  ExtractDigitalWatermark: extractDigitalWatermark,
  MediaInfo: mediaInfoJob,
  StreamExtract: streamExtract,
  Watermark: watermark,
  SegmentVideoBody: segmentVideoBody,
} satisfies Partial<Record<Tag, OperationBuilder>>;
