/** ExtractDigitalWatermark: what was found in the input (embedding is read as OperationCommon). */
import 'server-only';

import type { XmlReader } from '../xml-reader';

export function readExtractedWatermark(op: XmlReader) {
  const e = op.child('ExtractDigitalWatermark');
  if (!e) return null;
  return { type: e.str('Type'), version: e.str('Version'), message: e.text('Message') };
}
