/**
 * What each tag looks like in the data set: how common it is, how long it runs, what input it
 * reads, which failures can end it, and the workflows and batch jobs that spawn jobs.
 */
import { TAGS, type QueueType, type Tag } from '@/lib/ci/tags';

import {
  ASR_FAILURES,
  AUDIO_FAILURES,
  DECODE_FAILURES,
  ENCODE_FAILURES,
  INPUT_FAILURES,
  PIC_FAILURES,
  PLATFORM_FAILURES,
  TEMPLATE_FAILURE,
  TEXT_FAILURES,
  TRANSLATION_FAILURES,
  TTS_FAILURES,
  UPLOAD_FAILURES,
  type FailureReason,
} from '../corpus';
import { DAY, MINUTE } from './units';

export const TAG_WEIGHTS: Record<Tag, number> = {
  Transcode: 30,
  Snapshot: 14,
  MediaInfo: 6,
  PicProcess: 6,
  Segment: 5,
  SpeechRecognition: 5,
  SmartCover: 3,
  Animation: 3,
  Watermark: 3,
  VideoEnhance: 2,
  Concat: 2,
  DigitalWatermark: 2,
  VideoTag: 2,
  Tts: 2,
  VideoMontage: 1.5,
  StreamExtract: 1.5,
  QualityEstimate: 1.5,
  NoiseReduction: 1.5,
  VoiceSeparate: 1.5,
  Translation: 1.5,
  VideoTargetRec: 1.5,
  ExtractDigitalWatermark: 1,
  WordsGeneralize: 1,
  SegmentVideoBody: 1,
  SplitVideoParts: 1,
};

export const TAG_ENTRIES: readonly (readonly [Tag, number])[] = TAGS.map((t) => [t.code, TAG_WEIGHTS[t.code]] as const);

/** Typical run time per tag in seconds (log-uniform between the two). */
export const DURATION_S: Record<Tag, readonly [number, number]> = {
  Transcode: [20, 1800],
  Animation: [5, 300],
  VideoEnhance: [120, 7200],
  Snapshot: [3, 120],
  SmartCover: [5, 120],
  Concat: [30, 1200],
  VideoMontage: [60, 900],
  Segment: [10, 900],
  DigitalWatermark: [30, 1800],
  ExtractDigitalWatermark: [10, 300],
  VideoTag: [30, 900],
  MediaInfo: [1, 10],
  StreamExtract: [5, 300],
  QualityEstimate: [30, 900],
  Watermark: [20, 1800],
  PicProcess: [1, 20],
  SpeechRecognition: [10, 1200],
  NoiseReduction: [10, 600],
  VoiceSeparate: [20, 900],
  Tts: [2, 60],
  Translation: [5, 300],
  WordsGeneralize: [1, 30],
  VideoTargetRec: [30, 1200],
  SegmentVideoBody: [60, 1800],
  SplitVideoParts: [30, 900],
};

export const WORKFLOW_PLANS: readonly { name: string; tags: readonly Tag[] }[] = [
  { name: 'video-upload-pipeline', tags: ['Transcode', 'Snapshot'] },
  { name: '课程视频处理', tags: ['Transcode', 'Watermark', 'SmartCover'] },
  { name: 'hls-packaging', tags: ['Segment', 'MediaInfo'] },
  { name: 'podcast-asr', tags: ['SpeechRecognition'] },
];

export const BATCH_PLANS: readonly { name: string; tag: Tag; folder: string; agoMs: number }[] = [
  { name: 'reprocess legacy archive', tag: 'Transcode', folder: 'archive/legacy (do not delete)/', agoMs: 40 * MINUTE },
  { name: 'covers for 2025 courses', tag: 'Snapshot', folder: 'vod/课程/2025秋季/', agoMs: 6 * DAY },
  { name: 'product images to webp', tag: 'PicProcess', folder: 'images/products/', agoMs: 17 * DAY },
];

export const TAG_QUEUE_TYPE = new Map<Tag, QueueType>(TAGS.map((t) => [t.code, t.queueType]));

export type InputKind = 'video' | 'audio' | 'image' | 'text' | 'none';

export function inputKind(tag: Tag): InputKind {
  switch (tag) {
    case 'PicProcess':
      return 'image';
    case 'SpeechRecognition':
    case 'NoiseReduction':
    case 'VoiceSeparate':
      return 'audio';
    case 'Translation':
    case 'WordsGeneralize':
      return 'text';
    case 'Tts':
      return 'none';
    default:
      return 'video';
  }
}

const TEMPLATED = new Set<Tag>([
  'Transcode',
  'Animation',
  'VideoEnhance',
  'Snapshot',
  'SmartCover',
  'VideoMontage',
  'Watermark',
  'SpeechRecognition',
  'NoiseReduction',
  'VoiceSeparate',
  'PicProcess',
]);
/** Tags that encode a new video or GIF. */
const ENCODING = new Set<Tag>([
  'Transcode',
  'Animation',
  'VideoEnhance',
  'Concat',
  'VideoMontage',
  'DigitalWatermark',
  'Watermark',
  'SegmentVideoBody',
]);
/** Tags whose result is files written to the bucket. */
const UPLOADING = new Set<Tag>([
  ...ENCODING,
  'Snapshot',
  'SmartCover',
  'Segment',
  'StreamExtract',
  'NoiseReduction',
  'VoiceSeparate',
  'Tts',
  'PicProcess',
  'Translation',
]);

/** Whether a tag's jobs can name a template (emulator/content/common.ts has its catalogue). */
export const usesTemplates = (tag: Tag) => TEMPLATED.has(tag);

/**
 * The failures a tag can end with, each fitting what the tag does: reading an input only where
 * there is one, a missing template only where one can be named, encoding only where a file is
 * written; a video job never fails on a language pair, a translation never on a video stream.
 */
export function failuresFor(tag: Tag): readonly FailureReason[] {
  const cached = FAILURES.get(tag);
  if (cached) return cached;
  const kind = inputKind(tag);
  const list: FailureReason[] = [...(kind === 'none' ? [] : INPUT_FAILURES), ...PLATFORM_FAILURES];
  if (TEMPLATED.has(tag)) list.push(TEMPLATE_FAILURE);
  if (kind === 'video') list.push(...DECODE_FAILURES);
  if (kind === 'audio') list.push(...AUDIO_FAILURES);
  if (tag === 'SpeechRecognition') list.push(...ASR_FAILURES);
  if (kind === 'image') list.push(...PIC_FAILURES);
  if (kind === 'text' || kind === 'none') list.push(...TEXT_FAILURES);
  if (tag === 'Translation') list.push(...TRANSLATION_FAILURES);
  if (tag === 'Tts') list.push(...TTS_FAILURES);
  if (ENCODING.has(tag)) list.push(...ENCODE_FAILURES);
  if (UPLOADING.has(tag)) list.push(...UPLOAD_FAILURES);
  FAILURES.set(tag, list);
  return list;
}
const FAILURES = new Map<Tag, readonly FailureReason[]>();
