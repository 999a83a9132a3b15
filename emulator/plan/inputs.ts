/**
 * Input objects: a library of plausible object keys per kind of input (drawn from its own
 * generator, so its size does not shift the other draws), and the `Input` of a job.
 */
import type { Tag } from '@/lib/ci/tags';

import {
  AUDIO_EXTS,
  AUDIO_STEMS,
  FOLDERS,
  IMAGE_EXTS,
  IMAGE_STEMS,
  LANGS,
  TEXT_EXTS,
  TEXT_STEMS,
  VIDEO_EXTS,
  VIDEO_STEMS,
} from '../corpus';
import type { JobInput } from '../dataset';
import { hashString, Rng } from '../random';
import { inputKind, type InputKind } from './catalogue';

export type Library = Record<Exclude<InputKind, 'none'>, string[]>;

function buildKeys(
  rng: Rng,
  size: number,
  stems: readonly string[],
  exts: readonly string[],
  folders: readonly string[],
) {
  const keys = new Set<string>();
  for (let attempts = 0; keys.size < size && attempts < size * 20; attempts++) {
    const variant = rng.weighted<string>([
      ['', 5],
      [` (${rng.int(1, 9)})`, 1],
      [`_v${rng.int(2, 5)}`, 1],
      [`_${rng.int(1000, 9999)}`, 3],
      [`-${rng.int(1, 31)}日`, 1],
    ]);
    keys.add(`${rng.pick(folders)}${rng.pick(stems)}${variant}.${rng.pick(exts)}`);
  }
  return [...keys];
}

/** Object keys in proportion to the data set's size (`total` jobs). */
export function buildLibrary(seed: number, total: number): Library {
  const rng = new Rng(hashString('library', seed));
  const size = (n: number) => Math.max(8, Math.round(total * n));
  return {
    video: buildKeys(rng, size(0.15), VIDEO_STEMS, VIDEO_EXTS, FOLDERS),
    audio: buildKeys(rng, size(0.03), AUDIO_STEMS, AUDIO_EXTS, [
      'audio/',
      'podcast/',
      '客服/2025/',
      'uploads/voice memos/',
    ]),
    image: buildKeys(rng, size(0.04), IMAGE_STEMS, IMAGE_EXTS, ['images/', 'images/products/', 'ugc/avatars/', '']),
    text: buildKeys(rng, size(0.01), TEXT_STEMS, TEXT_EXTS, ['docs/', 'docs/translation/', '文档/']),
  };
}

/** A job's Input: an object of the kind its tag reads (or `objectKey`), and Lang/Type for translations. */
export function inputFor(
  rng: Rng,
  library: Library,
  where: { bucket: string; region: string },
  tag: Tag,
  objectKey?: string,
): JobInput {
  const kind = inputKind(tag);
  const input: JobInput = { bucketId: where.bucket, region: where.region };
  if (kind === 'none') return input;
  input.object = objectKey ?? rng.pick(library[kind]);
  if (tag === 'Translation') {
    input.lang = rng.pick(LANGS);
    input.type = input.object.split('.').pop() ?? 'txt';
  }
  return input;
}
