/** SplitVideoParts: the parts found, each with its begin and end in seconds. */
import 'server-only';

import type { SplitVideoResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

export function readSplit(op: XmlReader): SplitVideoResult | null {
  const r = op.child('SplitVideoInfoResult');
  if (!r) return null;
  return {
    parts: r.children('TimeInfo').map((t) => ({
      index: t.int('Index'),
      beginSec: t.num('PartBegin'),
      endSec: t.num('PartEnd'),
    })),
    extra: r.rest(),
  };
}
