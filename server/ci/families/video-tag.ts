/** VideoTag: tags, people, places, actions and objects, each with CI's confidence as sent. */
import 'server-only';

import type { VideoTagLabel, VideoTagResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

const labels = (list: XmlReader[]): VideoTagLabel[] =>
  list.map((t) => ({ tag: t.str('Tag'), tagCls: t.str('TagCls'), confidence: t.num('Confidence') }));

export function readVideoTag(op: XmlReader): VideoTagResult | null {
  const stream = op.child('VideoTagResult')?.child('StreamData');
  if (!stream) return null;
  const data = stream.child('Data');
  const list = (name: string) => data?.children(name) ?? [];
  return {
    subErrCode: stream.str('SubErrCode'),
    subErrMsg: stream.str('SubErrMsg'),
    tags: labels(list('Tags')),
    persons: list('PersonTags').map((p) => ({
      name: p.str('Name'),
      confidence: p.num('Confidence'),
      count: p.num('Count'),
    })),
    places: list('PlaceTags').map((p) => ({
      startSec: p.num('StartTime'),
      endSec: p.num('EndTime'),
      tags: labels(p.children('Tags')),
      frames: p.strs('ClipFrameResult'),
    })),
    actions: list('ActionTags').map((a) => ({
      startSec: a.num('StartTime'),
      endSec: a.num('EndTime'),
      // An empty <Tags/> is "nothing recognised", not a tag without a name.
      tags: labels(a.children('Tags')).filter((t) => t.tag !== null),
    })),
    objects: list('ObjectTags').flatMap((o) =>
      o
        .children('Objects')
        .map((x) => ({ timeSec: o.num('TimeStamp'), name: x.str('Name'), confidence: x.num('Confidence') })),
    ),
    extra: { ...stream.rest(), ...(data ? data.rest() : {}) },
  };
}
