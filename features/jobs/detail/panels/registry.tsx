/**
 * The detail panel of each tag family, keyed by the family (lib/ci/tags.ts) — the same name as the
 * family's reader in server/ci/families/. The Record type makes a new family a compile error here.
 * Each panel is its own chunk, loaded when a job of its family is opened (next/dynamic), so the
 * list page does not carry sixteen panels it may never show.
 */
import dynamic from 'next/dynamic';
import { createElement, type ComponentType } from 'react';

import type { Job, Operation } from '@/lib/ci/types';

import type { DetailKind, PanelProps } from './types';

export const PANELS: { [K in DetailKind]: ComponentType<PanelProps<K>> } = {
  media: dynamic(() => import('./media-panel').then((m) => m.MediaPanel)),
  snapshot: dynamic(() => import('./snapshot-panel').then((m) => m.SnapshotPanel)),
  mediainfo: dynamic(() => import('./mediainfo-panel').then((m) => m.MediainfoPanel)),
  'stream-extract': dynamic(() => import('./stream-extract-panel').then((m) => m.StreamExtractPanel)),
  quality: dynamic(() => import('./quality-panel').then((m) => m.QualityPanel)),
  'video-tag': dynamic(() => import('./video-tag-panel').then((m) => m.VideoTagPanel)),
  'digital-watermark': dynamic(() => import('./digital-watermark-panel').then((m) => m.DigitalWatermarkPanel)),
  pic: dynamic(() => import('./pic-panel').then((m) => m.PicPanel)),
  speech: dynamic(() => import('./speech-panel').then((m) => m.SpeechPanel)),
  audio: dynamic(() => import('./audio-panel').then((m) => m.AudioPanel)),
  tts: dynamic(() => import('./tts-panel').then((m) => m.TtsPanel)),
  translation: dynamic(() => import('./translation-panel').then((m) => m.TranslationPanel)),
  words: dynamic(() => import('./words-panel').then((m) => m.WordsPanel)),
  'target-rec': dynamic(() => import('./target-rec-panel').then((m) => m.TargetRecPanel)),
  split: dynamic(() => import('./split-panel').then((m) => m.SplitPanel)),
  unknown: dynamic(() => import('./unknown-panel').then((m) => m.UnknownPanel)),
};

const BY_KIND = PANELS as Record<string, ComponentType<PanelProps<DetailKind>> | undefined>;

/** The panel of the job's family (the registry's `unknown` panel for a family it lacks). */
export function FamilyPanel({ job, operation }: { job: Job; operation: Operation }) {
  const detail = operation.detail;
  const Panel = BY_KIND[detail.kind] ?? BY_KIND.unknown!;
  return createElement(Panel, { job, operation, detail });
}
