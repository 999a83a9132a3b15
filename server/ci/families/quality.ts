/** QualityEstimate: the score and, in vqaPlus mode, the detailed findings. */
import 'server-only';

import type { QualityEstimateResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

export function readQuality(op: XmlReader): QualityEstimateResult | null {
  const q = op.child('QualityEstimate');
  if (!q) return null;
  const vqa = q.child('VqaPlusResult');
  return {
    score: q.num('Score'),
    noAudio: vqa?.bool('NoAudio') ?? null,
    noVideo: vqa?.bool('NoVideo') ?? null,
    details: (vqa?.children('DetailedResult') ?? []).map((d) => ({
      type: d.str('Type'),
      items: d.children('Items').map((i) => i.rest()),
    })),
    extra: { ...q.rest(), ...(vqa ? vqa.rest() : {}) },
  };
}
