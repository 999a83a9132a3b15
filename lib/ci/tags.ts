/**
 * The tag and queue-type tables of the seed page (GET /jobs), plus the job states.
 * Shared by the UI, the API validation and the emulator; no server-only code here.
 */

export const QUEUE_TYPES = [
  { code: 'Transcoding', name: 'Media processing' },
  { code: 'SpeedTranscoding', name: 'Accelerated transcoding' },
  { code: 'Speeching', name: 'Intelligent voice' },
  { code: 'PicProcess', name: 'Image processing' },
  { code: 'AIProcess', name: 'AI content recognition' },
] as const;

export type QueueType = (typeof QUEUE_TYPES)[number]['code'];
export const QUEUE_TYPE_CODES = QUEUE_TYPES.map((q) => q.code) as [QueueType, ...QueueType[]];

/**
 * Tag families group tags whose Operation and results share one shape; the detail panels and the
 * XML reshaping are chosen by family.
 */
export type TagFamily =
  | 'media'
  | 'snapshot'
  | 'mediainfo'
  | 'stream-extract'
  | 'quality'
  | 'video-tag'
  | 'digital-watermark'
  | 'pic'
  | 'speech'
  | 'audio'
  | 'tts'
  | 'translation'
  | 'words'
  | 'target-rec'
  | 'split';

export const TAGS = [
  { code: 'Transcode', name: 'Audio and video transcoding', queueType: 'Transcoding', family: 'media' },
  { code: 'Animation', name: 'Video to GIF', queueType: 'Transcoding', family: 'media' },
  { code: 'VideoEnhance', name: 'Image quality enhancement', queueType: 'Transcoding', family: 'media' },
  { code: 'Snapshot', name: 'Video screenshot', queueType: 'Transcoding', family: 'snapshot' },
  { code: 'SmartCover', name: 'Intelligent cover', queueType: 'Transcoding', family: 'snapshot' },
  { code: 'Concat', name: 'Audio/video splicing', queueType: 'Transcoding', family: 'media' },
  { code: 'VideoMontage', name: 'Highlights', queueType: 'Transcoding', family: 'media' },
  { code: 'Segment', name: 'Audio and video repackaging', queueType: 'Transcoding', family: 'media' },
  { code: 'DigitalWatermark', name: 'Digital watermark', queueType: 'Transcoding', family: 'digital-watermark' },
  {
    code: 'ExtractDigitalWatermark',
    name: 'Extract digital watermark',
    queueType: 'Transcoding',
    family: 'digital-watermark',
  },
  { code: 'VideoTag', name: 'Video tagging', queueType: 'Transcoding', family: 'video-tag' },
  { code: 'MediaInfo', name: 'Retrieve media information', queueType: 'Transcoding', family: 'mediainfo' },
  {
    code: 'StreamExtract',
    name: 'Separate audio and video streams',
    queueType: 'Transcoding',
    family: 'stream-extract',
  },
  { code: 'QualityEstimate', name: 'Video quality analysis', queueType: 'Transcoding', family: 'quality' },
  { code: 'Watermark', name: 'Video watermark', queueType: 'Transcoding', family: 'media' },
  { code: 'PicProcess', name: 'Image processing', queueType: 'PicProcess', family: 'pic' },
  { code: 'SpeechRecognition', name: 'Speech recognition (ASR)', queueType: 'Speeching', family: 'speech' },
  { code: 'NoiseReduction', name: 'Audio noise reduction', queueType: 'Speeching', family: 'audio' },
  { code: 'VoiceSeparate', name: 'Voice separation', queueType: 'Speeching', family: 'audio' },
  { code: 'Tts', name: 'Text to speech (TTS)', queueType: 'Speeching', family: 'tts' },
  { code: 'Translation', name: 'Translation', queueType: 'AIProcess', family: 'translation' },
  { code: 'WordsGeneralize', name: 'Word segmentation', queueType: 'AIProcess', family: 'words' },
  { code: 'VideoTargetRec', name: 'Video object detection', queueType: 'AIProcess', family: 'target-rec' },
  { code: 'SegmentVideoBody', name: 'Video portrait matting', queueType: 'AIProcess', family: 'media' },
  { code: 'SplitVideoParts', name: 'Video splitting', queueType: 'AIProcess', family: 'split' },
] as const satisfies readonly { code: string; name: string; queueType: QueueType; family: TagFamily }[];

export type Tag = (typeof TAGS)[number]['code'];
export const TAG_CODES = TAGS.map((t) => t.code) as [Tag, ...Tag[]];

const TAG_BY_CODE = new Map<string, (typeof TAGS)[number]>(TAGS.map((t) => [t.code, t]));

export function tagInfo(code: string) {
  return TAG_BY_CODE.get(code);
}

export function isTag(code: string): code is Tag {
  return TAG_BY_CODE.has(code);
}

export const JOB_STATES = ['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** `All` is a filter value only; no job is in it. */
export const STATE_FILTER_VALUES = ['All', ...JOB_STATES] as const;
export type StateFilter = (typeof STATE_FILTER_VALUES)[number];

export function isJobState(value: string): value is JobState {
  return (JOB_STATES as readonly string[]).includes(value);
}

/** The states a job ends in and never leaves (ci-api-reference.md: a paused job may resume). */
export const FINAL_STATES: ReadonlySet<string> = new Set<JobState>(['Success', 'Failed', 'Cancel']);
