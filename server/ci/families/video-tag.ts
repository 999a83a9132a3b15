/** VideoTag: tags with their class and confidence; the other tag lists stay in `extra`. */
import 'server-only';

import type { VideoTagResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

export function readVideoTag(op: XmlReader): VideoTagResult | null {
  const stream = op.child('VideoTagResult')?.child('StreamData');
  if (!stream) return null;
  const data = stream.child('Data');
  return {
    subErrCode: stream.str('SubErrCode'),
    subErrMsg: stream.str('SubErrMsg'),
    tags: (data?.children('Tags') ?? []).map((t) => ({
      tag: t.str('Tag'),
      tagCls: t.str('TagCls'),
      confidence: t.num('Confidence'),
    })),
    extra: { ...stream.rest(), ...(data ? data.rest() : {}) },
  };
}
