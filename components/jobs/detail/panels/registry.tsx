/**
 * The detail panel of each tag family, keyed by the family (lib/ci/tags.ts) — the same name as the
 * family's reader in lib/ci/families/. The Record type makes a new family a compile error here.
 */
import { createElement, type ComponentType } from 'react';
import type { Job, Operation } from '@/lib/ci/types';
import { AudioPanel } from './audio-panel';
import { DigitalWatermarkPanel } from './digital-watermark-panel';
import { MediaPanel } from './media-panel';
import { MediainfoPanel } from './mediainfo-panel';
import { PicPanel } from './pic-panel';
import { QualityPanel } from './quality-panel';
import { SnapshotPanel } from './snapshot-panel';
import { SpeechPanel } from './speech-panel';
import { SplitPanel } from './split-panel';
import { StreamExtractPanel } from './stream-extract-panel';
import { TargetRecPanel } from './target-rec-panel';
import { TranslationPanel } from './translation-panel';
import { TtsPanel } from './tts-panel';
import type { DetailKind, PanelProps } from './types';
import { UnknownPanel } from './unknown-panel';
import { VideoTagPanel } from './video-tag-panel';
import { WordsPanel } from './words-panel';

export const PANELS: { [K in DetailKind]: ComponentType<PanelProps<K>> } = {
  media: MediaPanel,
  snapshot: SnapshotPanel,
  mediainfo: MediainfoPanel,
  'stream-extract': StreamExtractPanel,
  quality: QualityPanel,
  'video-tag': VideoTagPanel,
  'digital-watermark': DigitalWatermarkPanel,
  pic: PicPanel,
  speech: SpeechPanel,
  audio: AudioPanel,
  tts: TtsPanel,
  translation: TranslationPanel,
  words: WordsPanel,
  'target-rec': TargetRecPanel,
  split: SplitPanel,
  unknown: UnknownPanel,
};

const BY_KIND = PANELS as Record<string, ComponentType<PanelProps<DetailKind>> | undefined>;

/** The panel of the job's family (the registry's `unknown` panel for a family it lacks). */
export function FamilyPanel({ job, operation }: { job: Job; operation: Operation }) {
  const detail = operation.detail;
  const Panel = BY_KIND[detail.kind] ?? BY_KIND.unknown!;
  return createElement(Panel, { job, operation, detail });
}
