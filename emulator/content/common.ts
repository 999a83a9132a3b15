/**
 * What every per-tag content builder shares: its context, the template catalogue, output keys.
 *
 * A builder draws from a per-job generator seeded by the job id, configuration first and results
 * last, so the configuration a job shows while Running is the one it still shows once it succeeded.
 */
import type { JobState, Tag } from '@/lib/ci/tags';

import { USER_DATA } from '../corpus';
import type { JobRecord } from '../dataset';
import type { XmlNode } from '../node';
import { hashString, Rng } from '../random';

export interface ContentContext {
  job: JobRecord;
  state: JobState;
  bucket: string;
  region: string;
  seed: number;
  rng: Rng;
}

/** Builds `Operation` for one tag; returns null for an empty `<Operation/>`. */
export type OperationBuilder = (ctx: ContentContext) => XmlNode | null;

export interface Template {
  id: string;
  name: string;
  /** Free-form knobs the builder reads (resolution, codec, container, count…). */
  params: Record<string, string | number>;
}

type TemplateSpec = readonly [name: string, params: Record<string, string | number>];

const TEMPLATE_SPECS: Partial<Record<Tag, readonly TemplateSpec[]>> = {
  Transcode: [
    ['mp4-h264-720p', { container: 'mp4', codec: 'h264', width: 1280, height: 720, fps: 25, kbps: 1800 }],
    ['mp4-h264-1080p', { container: 'mp4', codec: 'h264', width: 1920, height: 1080, fps: 30, kbps: 3500 }],
    ['mp4-h265-1080p', { container: 'mp4', codec: 'hevc', width: 1920, height: 1080, fps: 30, kbps: 2200 }],
    ['hls-h264-720p', { container: 'hls', codec: 'h264', width: 1280, height: 720, fps: 25, kbps: 1500 }],
    ['flv-h264-480p', { container: 'flv', codec: 'h264', width: 854, height: 480, fps: 25, kbps: 900 }],
    ['mp4-av1-1080p', { container: 'mp4', codec: 'av1', width: 1920, height: 1080, fps: 30, kbps: 1600 }],
    ['竖屏-h264-1080x1920', { container: 'mp4', codec: 'h264', width: 1080, height: 1920, fps: 30, kbps: 3000 }],
  ],
  Animation: [
    ['gif-320w-10fps', { container: 'gif', width: 320, height: 180, fps: 10 }],
    ['gif-480w-15fps', { container: 'gif', width: 480, height: 270, fps: 15 }],
  ],
  VideoEnhance: [
    ['super-resolution-4k', { container: 'mp4', codec: 'hevc', width: 3840, height: 2160, fps: 30, kbps: 12000 }],
    ['color-enhance-1080p', { container: 'mp4', codec: 'h264', width: 1920, height: 1080, fps: 30, kbps: 4000 }],
  ],
  Snapshot: [
    ['snapshot-jpg-every-10s', { mode: 'Interval', count: 12, format: 'jpg', sprite: 0 }],
    ['snapshot-sprite-10x10', { mode: 'Interval', count: 20, format: 'jpg', sprite: 1 }],
    ['snapshot-average-8', { mode: 'Average', count: 8, format: 'png', sprite: 0 }],
  ],
  SmartCover: [['smart-cover-3x-jpg', { count: 3, format: 'jpg', width: 1280, height: 720 }]],
  VideoMontage: [
    [
      'montage-60s-highlights',
      { container: 'mp4', codec: 'h264', width: 1280, height: 720, fps: 25, kbps: 2000, seconds: 60 },
    ],
  ],
  Watermark: [
    ['transcode-with-logo-720p', { container: 'mp4', codec: 'h264', width: 1280, height: 720, fps: 25, kbps: 1800 }],
  ],
  WatermarkOverlay: [
    ['logo-top-right', {}],
    ['text-copyright', {}],
    ['logo-bottom-left-slide', {}],
  ],
  SpeechRecognition: [
    ['asr-16k-zh', { engine: '16k_zh' }],
    ['asr-16k-en', { engine: '16k_en' }],
  ],
  NoiseReduction: [['denoise-wav-16k', { format: 'wav', samplerate: 16000 }]],
  VoiceSeparate: [['vocal-and-bgm-mp3', { mode: 'AudioAndBackground' }]],
  PicProcess: [['thumbnail-webp', { rule: 'imageMogr2/thumbnail/1080x/format/webp' }]],
} as Partial<Record<Tag, readonly TemplateSpec[]>>;

const catalogues = new Map<number, Map<string, Template[]>>();

/** Templates are shared across jobs: ids derive from the data-set seed and the template name. */
export function templatesFor(seed: number, kind: Tag | 'WatermarkOverlay'): readonly Template[] {
  let catalogue = catalogues.get(seed);
  if (!catalogue) {
    catalogue = new Map();
    catalogues.set(seed, catalogue);
  }
  let list = catalogue.get(kind);
  if (!list) {
    const specs = (TEMPLATE_SPECS as Record<string, readonly TemplateSpec[] | undefined>)[kind] ?? [];
    list = specs.map(([name, params]) => ({
      id: 't' + new Rng(hashString(`template:${kind}:${name}`, seed)).hex(32),
      name,
      params,
    }));
    catalogue.set(kind, list);
  }
  return list;
}

export function pickTemplate(ctx: ContentContext, kind: Tag | 'WatermarkOverlay'): Template | undefined {
  const list = templatesFor(ctx.seed, kind);
  return list.length > 0 ? ctx.rng.pick(list) : undefined;
}

/** `output/<input path without extension><suffix>.<ext>`: outputs mirror their inputs' folders. */
export function outputKey(ctx: ContentContext, suffix: string, ext: string, root = 'output/'): string {
  const input = ctx.job.input.object;
  if (!input) return `${root}${ctx.job.jobId}${suffix}.${ext}`;
  const dot = input.lastIndexOf('.');
  const base = dot > input.lastIndexOf('/') ? input.slice(0, dot) : input;
  return `${root}${base}${suffix}.${ext}`;
}

export function outputNode(ctx: ContentContext, object: string, extra: XmlNode = {}): XmlNode {
  return { Region: ctx.region, Bucket: ctx.bucket, Object: object, ...extra };
}

/** UserData (sometimes) and JobLevel close the configuration part of Operation, as in CI's examples. */
export function trailer(ctx: ContentContext): XmlNode {
  const userData = ctx.rng.chance(0.6) ? ctx.rng.pick(USER_DATA) : undefined;
  return {
    UserData: userData,
    JobLevel: String(
      ctx.rng.weighted([
        [0, 6],
        [1, 3],
        [2, 1],
      ] as const),
    ),
  };
}

export const isSuccess = (ctx: ContentContext) => ctx.state === 'Success';

/** Seconds of media behind a job, stable per job. */
export function mediaDuration(ctx: ContentContext): number {
  return Math.round(ctx.rng.logUniform(6, 5400) * 1000) / 1000;
}
