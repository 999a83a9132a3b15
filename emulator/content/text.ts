/**
 * Operation content for image processing and the text AI tags (translation, word segmentation).
 */
import type { Tag } from '@/lib/ci/tags';
import { ciEncode } from '@/server/ci/sign';

import { PIC_RULES, WORDS_SAMPLES } from '../corpus';
import type { XmlNode } from '../node';
import { isSuccess, outputKey, outputNode, pickTemplate, trailer, type OperationBuilder } from './common';

const location = (bucket: string, region: string, key: string) =>
  `${bucket}.cos.${region}.myqcloud.com/${key.split('/').map(ciEncode).join('/')}`;

const picProcess: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const template = rng.chance(0.3) ? pickTemplate(ctx, 'PicProcess') : undefined;
  const picked = rng.pick(['webp', 'jpg', 'png']);
  const format = template ? 'webp' : picked;
  const object = outputKey(ctx, '_processed', format, 'pic-out/');
  const op: XmlNode = template
    ? { TemplateId: template.id, TemplateName: template.name }
    : { PicProcess: { IsPicInfo: rng.pick(['true', 'false']), ProcessRule: rng.pick(PIC_RULES) } };
  Object.assign(op, { Output: outputNode(ctx, object), ...trailer(ctx) });
  if (!isSuccess(ctx)) return op;
  const input = ctx.job.input.object ?? '';
  const width = rng.pick([640, 1080, 1920, 3024, 4032]);
  const height = Math.round(width * rng.pick([0.5625, 0.75, 1, 1.333]));
  const scale = rng.pick([0.25, 0.5, 1]);
  op.PicProcessResult = {
    UploadResult: {
      OriginalInfo: {
        Key: input,
        Location: location(ctx.bucket, ctx.region, input),
        ETag: `"${rng.hex(32)}"`,
        ImageInfo: {
          Format: (input.split('.').pop() ?? 'jpg').toLowerCase(),
          Width: String(width),
          Height: String(height),
          Quality: String(rng.int(75, 100)),
          Ave: `0x${rng.hex(6)}`,
          Orientation: String(rng.pick([0, 1, 6])),
        },
      },
      ProcessResults: {
        Object: {
          Key: object,
          Location: location(ctx.bucket, ctx.region, object),
          Format: format,
          Width: String(Math.round(width * scale)),
          Height: String(Math.round(height * scale)),
          Size: String(rng.int(20_000, 2_000_000)),
          Quality: String(rng.int(75, 90)),
          Etag: `"${rng.hex(32)}"`,
        },
      },
    },
  };
  return op;
};

const translation: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const source = ctx.job.input.lang ?? 'zh';
  const target = source === 'en' ? rng.pick(['zh', 'ja', 'fr']) : 'en';
  const type = ctx.job.input.type ?? 'txt';
  return {
    Translation: { Lang: target, Type: type },
    Output: outputNode(ctx, outputKey(ctx, `_${target}`, type, 'translation/')),
    ...trailer(ctx),
  };
};

const wordsGeneralize: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const op: XmlNode = {
    WordsGeneralize: { NerMethod: rng.pick(['DL', 'NoNer']), SegMethod: rng.pick(['MIX', 'BASIC']) },
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  const sample = rng.pick(WORDS_SAMPLES);
  let offset = 0;
  op.WordsGeneralizeResult = {
    WordsGeneralizeLable: sample.labels.map(([category, word]) => ({ Category: category, Word: word })),
    WordsGeneralizeToken: sample.tokens.map(([word, pos]) => {
      const length = [...word].length;
      const node = { Length: String(length), Offset: String(offset), Pos: pos, Word: word };
      offset += length;
      return node;
    }),
  };
  return op;
};

export const TEXT_BUILDERS = {
  PicProcess: picProcess,
  Translation: translation,
  WordsGeneralize: wordsGeneralize,
} satisfies Partial<Record<Tag, OperationBuilder>>;
