/** WordsGeneralize: labels (CI spells the element `WordsGeneralizeLable`) and tokens. */
import 'server-only';

import type { WordsGeneralizeResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

export function readWords(op: XmlReader): WordsGeneralizeResult | null {
  const r = op.child('WordsGeneralizeResult');
  if (!r) return null;
  return {
    labels: r.children('WordsGeneralizeLable').map((l) => ({ category: l.str('Category'), word: l.str('Word') })),
    tokens: r.children('WordsGeneralizeToken').map((t) => ({
      word: t.str('Word'),
      pos: t.str('Pos'),
      offset: t.int('Offset'),
      length: t.int('Length'),
    })),
    extra: r.rest(),
  };
}
