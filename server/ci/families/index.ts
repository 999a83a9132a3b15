/**
 * The registry of tag families: which reader turns a tag's Operation into its OperationDetail.
 * Each family's reader lives in its own file, named like its detail panel in
 * features/jobs/detail/panels/.
 */
import 'server-only';

import { tagInfo } from '@/lib/ci/tags';
import type { OperationDetail } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';
import { readExtractedWatermark } from './digital-watermark';
import { readPic } from './pic';
import { readQuality } from './quality';
import { readSpeech } from './speech';
import { readSplit } from './split';
import { readTargetRec } from './target-rec';
import { readVideoTag } from './video-tag';
import { readWords } from './words';

export function readOperationDetail(tag: string, op: XmlReader): OperationDetail {
  const family = tagInfo(tag)?.family;
  switch (family) {
    case undefined:
      return { kind: 'unknown' };
    case 'speech':
      return { kind: family, speech: readSpeech(op) };
    case 'quality':
      return { kind: family, quality: readQuality(op) };
    case 'video-tag':
      return { kind: family, videoTag: readVideoTag(op) };
    case 'words':
      return { kind: family, words: readWords(op) };
    case 'split':
      return { kind: family, split: readSplit(op) };
    case 'target-rec':
      return { kind: family, targetRec: readTargetRec(op) };
    case 'pic':
      return { kind: family, pic: readPic(op) };
    case 'digital-watermark':
      return { kind: family, extracted: readExtractedWatermark(op) };
    default:
      return { kind: family };
  }
}
