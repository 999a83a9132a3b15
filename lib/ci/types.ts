/**
 * The job model: the one shape every part after the XML edge speaks (route handlers, UI, tests).
 * server/ci/xml.ts produces it from CI's XML; nothing else reads XML.
 *
 * Conventions:
 * - Times are ISO 8601 strings that keep CI's offset (`2022-06-27T15:23:12+08:00`), or null for
 *   CI's `-` / empty placeholders. They stay strings so the JSON the browser gets is lossless.
 * - Numbers CI sends as strings are parsed per field; a value that does not parse is null and the
 *   raw text stays available in `extra` only if the element is unknown.
 * - `extra` at each level holds the child elements the model does not know, as a plain tree, so a
 *   field CI adds tomorrow is shown rather than silently dropped.
 */
import type { JobState, QueueType, Tag, TagFamily } from './tags';

export type { JobState, QueueType, Tag, TagFamily };

/** A parsed XML subtree the model does not interpret: text, element map, or repeated elements. */
export type XmlTree = string | { [name: string]: XmlTree } | XmlTree[];
export type Extra = { [name: string]: XmlTree };

export type IsoTime = string;

export interface CosLocation {
  bucket: string | null;
  region: string | null;
  object: string | null;
}

export interface JobInput extends CosLocation {
  url: string | null;
  lang: string | null;
  type: string | null;
  /** Headers of the object that triggered a workflow job (Input/CosHeaders, repeated Key/Value). */
  cosHeaders: { key: string; value: string }[];
  extra: Extra;
}

export interface JobOutput extends CosLocation {
  spriteObject: string | null;
  auObject: string | null;
  bassObject: string | null;
  drumObject: string | null;
  streamExtract: { index: string | null; object: string | null }[];
  extra: Extra;
}

export interface WorkflowRef {
  runId: string | null;
  workflowId: string | null;
  workflowName: string | null;
  name: string | null;
}

export interface RemoveWatermark {
  dx: number | null;
  dy: number | null;
  width: number | null;
  height: number | null;
}

export interface DigitalWatermark {
  type: string | null;
  message: string | null;
  version: string | null;
  ignoreError: boolean | null;
  state: string | null;
  extra: Extra;
}

export interface MediaFormat {
  bitrateKbps: number | null;
  durationSec: number | null;
  formatName: string | null;
  formatLongName: string | null;
  numProgram: number | null;
  numStream: number | null;
  sizeBytes: number | null;
  startTimeSec: number | null;
  extra: Extra;
}

export interface VideoStream {
  index: number | null;
  codecName: string | null;
  codecLongName: string | null;
  codecTagString: string | null;
  profile: string | null;
  level: string | null;
  width: number | null;
  height: number | null;
  dar: string | null;
  sar: string | null;
  fps: number | null;
  avgFps: number | null;
  bitrateKbps: number | null;
  pixFormat: string | null;
  colorRange: string | null;
  colorTransfer: string | null;
  colorPrimaries: string | null;
  durationSec: number | null;
  numFrames: number | null;
  rotation: number | null;
  hasBFrame: boolean | null;
  refFrames: number | null;
  language: string | null;
  extra: Extra;
}

export interface AudioStream {
  index: number | null;
  codecName: string | null;
  codecLongName: string | null;
  codecTagString: string | null;
  channels: number | null;
  channelLayout: string | null;
  sampleRate: number | null;
  sampleFmt: string | null;
  bitrateKbps: number | null;
  durationSec: number | null;
  language: string | null;
  extra: Extra;
}

export interface SubtitleStream {
  index: number | null;
  language: string | null;
  extra: Extra;
}

export interface MediaInfo {
  format: MediaFormat | null;
  video: VideoStream[];
  audio: AudioStream[];
  subtitle: SubtitleStream[];
  extra: Extra;
}

export interface Md5Entry {
  md5: string;
  objectName: string | null;
}

export interface OutputFile {
  bucket: string | null;
  region: string | null;
  objectNames: string[];
  objectPrefix: string | null;
  md5: Md5Entry[];
  extra: Extra;
}

export interface MediaResult {
  outputFiles: OutputFile[];
  spriteOutputFiles: OutputFile[];
  extra: Extra;
}

/** What every tag's Operation may carry; per-tag parts live in `OperationDetail`. */
export interface OperationCommon {
  templateId: string | null;
  templateName: string | null;
  watermarkTemplateIds: string[];
  removeWatermark: RemoveWatermark | null;
  digitalWatermark: DigitalWatermark | null;
  output: JobOutput | null;
  userData: string | null;
  jobLevel: number | null;
  mediaInfo: MediaInfo | null;
  mediaResult: MediaResult | null;
  /** The requested configuration echoed back (Transcode{…}, Snapshot{…}, …): shown as a tree. */
  config: Extra;
  extra: Extra;
}

export interface SpeechSentence {
  text: string;
  startMs: number | null;
  endMs: number | null;
  speakerId: string | null;
  wordsNum: number | null;
  speechSpeed: number | null;
  words: { word: string; startMs: number | null; endMs: number | null }[];
}

export interface SpeechRecognitionResult {
  audioTimeSec: number | null;
  text: string[];
  objectName: string | null;
  detailObjectName: string | null;
  sentences: SpeechSentence[];
  extra: Extra;
}

export interface QualityEstimateResult {
  score: number | null;
  noAudio: boolean | null;
  noVideo: boolean | null;
  details: { type: string | null; items: Extra[] }[];
  extra: Extra;
}

export interface VideoTagLabel {
  tag: string | null;
  tagCls: string | null;
  /** As CI sends it: a 0–1 fraction in CI's examples; lib/format confidenceScale reads the scale. */
  confidence: number | null;
}

export interface VideoTagResult {
  subErrCode: string | null;
  subErrMsg: string | null;
  tags: VideoTagLabel[];
  /** Recognised people: name, confidence and how often they appear. */
  persons: { name: string | null; confidence: number | null; count: number | null }[];
  /** Scenes over time, with CI's per-frame `label: score` strings. */
  places: { startSec: number | null; endSec: number | null; tags: VideoTagLabel[]; frames: string[] }[];
  /** Actions over time; a segment with nothing recognised has no tags. */
  actions: { startSec: number | null; endSec: number | null; tags: VideoTagLabel[] }[];
  /** Objects seen at an instant. */
  objects: { timeSec: number | null; name: string | null; confidence: number | null }[];
  extra: Extra;
}

export interface WordsGeneralizeResult {
  labels: { category: string | null; word: string | null }[];
  tokens: { word: string | null; pos: string | null; offset: number | null; length: number | null }[];
  extra: Extra;
}

export interface SplitVideoResult {
  parts: { index: number | null; beginSec: number | null; endSec: number | null }[];
  extra: Extra;
}

export interface TargetRecResult {
  /** Kind (Body, Pet, Car, Face, Plate) → detections, each at a time with its objects. */
  detections: {
    kind: string;
    time: number | null;
    url: string | null;
    objects: { name: string | null; score: number | null }[];
  }[];
  extra: Extra;
}

export interface PicProcessResult {
  original: {
    key: string | null;
    location: string | null;
    format: string | null;
    width: number | null;
    height: number | null;
  } | null;
  processed: {
    key: string | null;
    location: string | null;
    format: string | null;
    width: number | null;
    height: number | null;
    sizeBytes: number | null;
  }[];
  extra: Extra;
}

/**
 * Per-tag results: a discriminated union keyed by the tag family. Families without results of
 * their own beyond OperationCommon (media, snapshot, audio, …) carry only `kind`.
 */
export type OperationDetail =
  | { kind: 'speech'; speech: SpeechRecognitionResult | null }
  | { kind: 'quality'; quality: QualityEstimateResult | null }
  | { kind: 'video-tag'; videoTag: VideoTagResult | null }
  | { kind: 'words'; words: WordsGeneralizeResult | null }
  | { kind: 'split'; split: SplitVideoResult | null }
  | { kind: 'target-rec'; targetRec: TargetRecResult | null }
  | { kind: 'pic'; pic: PicProcessResult | null }
  | {
      kind: 'digital-watermark';
      extracted: { type: string | null; version: string | null; message: string | null } | null;
    }
  | {
      kind: Exclude<
        TagFamily,
        'speech' | 'quality' | 'video-tag' | 'words' | 'split' | 'target-rec' | 'pic' | 'digital-watermark'
      >;
    }
  | { kind: 'unknown' };

export type Operation = OperationCommon & { detail: OperationDetail };

export interface Job {
  jobId: string;
  /** A tag from the seed's table, or whatever CI sent for a tag this build does not know. */
  tag: Tag | (string & {});
  subTag: string | null;
  state: JobState | (string & {});
  /** Percent 0–100, or null when CI reports none (not the same as 0). */
  progress: number | null;
  /** CI's result code: `Success`, or the failure code when state is Failed. */
  code: string | null;
  message: string | null;
  creationTime: IsoTime | null;
  startTime: IsoTime | null;
  endTime: IsoTime | null;
  queueId: string | null;
  queueType: string | null;
  input: JobInput | null;
  workflows: WorkflowRef[];
  operation: Operation | null;
  extra: Extra;
}

/**
 * What a list shows of a job: every field but the Operation, whose detail (streams, results,
 * configuration) comes from GET /api/jobs/<id> when the job is opened — reading it for a whole
 * page would cost most of the parse and of the transfer for nothing. The output location stays.
 */
export interface JobListItem extends Omit<Job, 'operation'> {
  output: CosLocation | null;
}

export interface JobPage {
  jobs: JobListItem[];
  /** Empty string or null means there is no next page. */
  nextToken: string | null;
  /** A page from the job index (server/index) counts every match and says how fresh it is. */
  total?: number;
  source?: 'ci' | 'index';
  /** The index is current as of this instant (ISO). */
  asOf?: string | null;
  index?: { state: string; lagSeconds: number | null; oldest: string | null };
}

/** One page of GET /api/jobs answered by the job index: keyset `cursor` instead of NextToken. */
export interface IndexJobPage {
  jobs: JobListItem[];
  cursor: string | null;
  total: number;
  source: 'index';
  asOf: string | null;
  index: { state: string; lagSeconds: number | null; oldest: string | null };
}

/** One page of GET /api/jobs/all: every tag's jobs merged by creation time (server/ci/all-tags). */
export interface AllTagsPage {
  jobs: JobListItem[];
  /** The combined cursor of the next page, or null at the end. */
  cursor: string | null;
  /** Tags whose list still has items after this page. */
  pendingTags: number;
}

export interface JobLookup {
  jobs: Job[];
  nonExistJobIds: string[];
}

export interface Queue {
  queueId: string;
  name: string | null;
  state: string | null;
  queueType: QueueType | (string & {});
  category: string | null;
  maxSize: number | null;
  maxConcurrent: number | null;
  createTime: IsoTime | null;
  updateTime: IsoTime | null;
  extra: Extra;
}

/** The one error shape of every /api route. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    requestId?: string;
    status?: number;
  };
}
