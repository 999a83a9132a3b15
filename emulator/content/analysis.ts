/**
 * Operation content for the analysis tags: video tagging, quality estimation, object detection and
 * shot splitting. Their results are structured lists rather than files.
 */
import type { Tag } from '@/lib/ci/tags';

import { PERSON_NAMES, VIDEO_TAGS } from '../corpus';
import type { XmlNode } from '../node';
import type { Rng } from '../random';
import { isSuccess, mediaDuration, outputKey, trailer, type OperationBuilder } from './common';

/** Scores on CI's 0–100 scale (VideoTargetRec Score, QualityEstimate item Confidence). */
const conf = (rng: Rng, min = 60) => String(rng.int(min, 99));

/** VideoTag confidences are 0–1 fractions with six decimals, as in CI's examples (`0.421531`). */
const fraction = (rng: Rng, min = 0.3) => rng.float(min, 0.99).toFixed(6);

/** VideoTag boxes are 0–1 fractions of the frame, as in CI's examples. */
function bbox(rng: Rng): XmlNode {
  const x1 = rng.float(0, 0.7);
  const y1 = rng.float(0, 0.7);
  return {
    X1: String(x1),
    X2: String(Math.min(1, x1 + rng.float(0.05, 0.3))),
    Y1: String(y1),
    Y2: String(Math.min(1, y1 + rng.float(0.05, 0.3))),
  };
}

const OBJECT_NAMES = ['Keyboard', 'Person', 'Car', 'Dog', 'Cup', 'Laptop', 'Ball'] as const;
const ACTION_NAMES = ['Speak', 'Walk', 'Run', 'Dance', 'Cook', 'Play basketball'] as const;

/**
 * VideoTag's result as CI's callback example shows it: Tags, PersonTags (often empty),
 * PlaceTags with `label: score` frame results, ActionTags (whose Tags may be empty),
 * ObjectTags with boxes, Labels; SubErrMsg `ok`.
 */
const videoTag: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const scenario = rng.pick(['Stream', 'ShortVideo']);
  const op: XmlNode = { VideoTag: { Scenario: scenario }, ...trailer(ctx) };
  if (!isSuccess(ctx)) return op;
  const duration = Math.min(600, mediaDuration(ctx));
  const tags = rng
    .sample(VIDEO_TAGS, rng.int(2, 5))
    .map(([tag, cls]) => ({ Confidence: fraction(rng), Tag: tag, TagCls: cls }));
  const people = rng
    .sample(
      PERSON_NAMES,
      rng.weighted([
        [0, 3],
        [1, 2],
        [2, 1],
      ] as const),
    )
    .map((name) => ({
      Name: name,
      Confidence: fraction(rng, 0.6),
      Count: String(rng.int(1, 40)),
      DetailPerSecond: Array.from({ length: rng.int(1, 3) }, () => ({
        TimeStamp: rng.float(0, duration).toFixed(3),
        Name: name,
        Confidence: fraction(rng, 0.6),
        BBox: [bbox(rng)],
      })),
    }));
  const place = rng.sample(VIDEO_TAGS, 1).map(([tag, cls]) => {
    const start = rng.float(0, duration / 2);
    return {
      Tags: [{ Confidence: fraction(rng), Tag: tag, TagCls: cls }],
      ClipFrameResult: Array.from({ length: rng.int(2, 8) }, () => `${tag}: ${rng.float(0.1, 0.9).toFixed(2)}`),
      StartTime: start.toFixed(3),
      EndTime: (start + rng.float(2, 30)).toFixed(3),
      StartIndex: String(rng.int(0, 10)),
      EndIndex: String(rng.int(11, 40)),
    };
  });
  let at = 0;
  const actions = Array.from({ length: rng.int(1, 3) }, () => {
    const start = at;
    at += rng.float(1, 15);
    // CI sends an action segment with nothing recognised as an empty <Tags/>.
    const tag = rng.chance(0.7) ? rng.pick(ACTION_NAMES) : null;
    return {
      EndTime: at.toFixed(2),
      StartTime: start.toFixed(2),
      Tags: tag ? { Confidence: fraction(rng), Tag: tag, TagCls: tag } : '',
    };
  });
  const objects = Array.from({ length: rng.int(0, 3) }, () => ({
    Objects: { BBox: bbox(rng), Confidence: fraction(rng, 0.5), Name: rng.pick(OBJECT_NAMES) },
    TimeStamp: String(rng.int(0, Math.floor(duration))),
  }));
  const data: XmlNode = { ActionTags: actions };
  if (objects.length > 0) data.ObjectTags = objects;
  data.PersonTags = people.length > 0 ? people : '';
  data.PlaceTags = place;
  data.Tags = tags;
  data.Labels = tags
    .slice(0, 2)
    .map((t) => ({ First: String(t.TagCls), Second: String(t.Tag), Confidence: String(t.Confidence) }));
  op.VideoTagResult = { StreamData: { Data: data, SubErrCode: '0', SubErrMsg: 'ok' } };
  return op;
};

const qualityEstimate: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const mode = rng.pick(['vqaPlus', 'Normal']);
  const op: XmlNode = { QualityEstimateConfig: { Rotate: '0', Mode: mode }, ...trailer(ctx) };
  if (!isSuccess(ctx)) return op;
  const duration = Math.min(900, mediaDuration(ctx));
  // The score falls with each kind of defect found, so list and score tell the same story.
  const types = rng.sample(
    ['Blur', 'Noise', 'Blocking', 'LowLighting', 'Jitter', 'BlackScreen'],
    rng.weighted([
      [0, 3],
      [1, 4],
      [2, 2],
      [3, 1],
    ] as const),
  );
  const result: XmlNode = { Score: Math.max(20, 96 - types.length * 14 - rng.float(0, 10)).toFixed(2) };
  if (mode === 'vqaPlus') {
    result.VqaPlusResult = {
      NoAudio: rng.chance(0.1) ? 'true' : 'false',
      NoVideo: 'false',
      DetailedResult: types.map((type) => ({
        Type: type,
        Items: Array.from({ length: rng.int(1, 3) }, () => {
          const start = rng.float(0, duration);
          return {
            Confidence: conf(rng, 50),
            StartTimeOffset: start.toFixed(3),
            EndTimeOffset: (start + rng.float(0.5, 8)).toFixed(3),
            AreaCoordSet: [
              String(rng.int(0, 640)),
              String(rng.int(0, 360)),
              String(rng.int(640, 1280)),
              String(rng.int(360, 720)),
            ],
          };
        }),
      })),
    };
  }
  op.QualityEstimate = result;
  return op;
};

function detections(
  ctx: Parameters<OperationBuilder>[0],
  infoName: string,
  names: readonly string[],
  duration: number,
): XmlNode[] {
  const { rng } = ctx;
  return Array.from({ length: rng.int(1, 4) }, (_, i) => ({
    Time: rng.float(0, duration).toFixed(3),
    Url: `https://${ctx.bucket}.cos.${ctx.region}.myqcloud.com/${outputKey(ctx, `/${infoName.toLowerCase()}-${i}`, 'jpg', 'targetrec/')}`,
    [infoName]: Array.from({ length: rng.int(1, 3) }, () => ({
      Name: rng.pick(names),
      Score: conf(rng, 50),
      Location: {
        X: String(rng.int(0, 1500)),
        Y: String(rng.int(0, 800)),
        Height: String(rng.int(50, 500)),
        Width: String(rng.int(50, 500)),
      },
    })),
  }));
}

const videoTargetRec: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const body = rng.chance(0.8);
  const pet = rng.chance(0.5);
  const car = rng.chance(0.4);
  const op: XmlNode = {
    VideoTargetRec: { Body: String(body), Pet: String(pet), Car: String(car), ProcessType: 'Recognition' },
    ...trailer(ctx),
  };
  if (!isSuccess(ctx)) return op;
  const duration = Math.min(600, mediaDuration(ctx));
  const result: XmlNode = {};
  if (body) result.BodyRecognition = detections(ctx, 'BodyInfo', ['body'], duration);
  if (pet) result.PetRecognition = detections(ctx, 'PetInfo', ['cat', 'dog'], duration);
  if (car) result.CarRecognition = detections(ctx, 'CarInfo', ['car', 'bus', 'truck'], duration);
  op.VideoTargetRecResult = result;
  return op;
};

const splitVideoParts: OperationBuilder = (ctx) => {
  const { rng } = ctx;
  const op: XmlNode = { SplitVideoParts: { Mode: rng.pick(['SHOTDETECT', 'SCENEDETECT']) }, ...trailer(ctx) };
  if (!isSuccess(ctx)) return op;
  const duration = Math.min(1800, mediaDuration(ctx));
  const parts: XmlNode[] = [];
  let at = 0;
  for (let i = 0; at < duration && i < 40; i++) {
    const end = Math.min(duration, at + rng.float(2, 45));
    parts.push({ Index: String(i), PartBegin: at.toFixed(3), PartEnd: end.toFixed(3) });
    at = end;
  }
  op.SplitVideoInfoResult = { TimeInfo: parts };
  return op;
};

export const ANALYSIS_BUILDERS = {
  VideoTag: videoTag,
  QualityEstimate: qualityEstimate,
  VideoTargetRec: videoTargetRec,
  SplitVideoParts: splitVideoParts,
} satisfies Partial<Record<Tag, OperationBuilder>>;
