/** VideoTargetRec: detections per kind (body, pet, car, face, plate) over time. */
import 'server-only';

import type { TargetRecResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

const KINDS = [
  ['BodyRecognition', 'BodyInfo', 'Body'],
  ['PetRecognition', 'PetInfo', 'Pet'],
  ['CarRecognition', 'CarInfo', 'Car'],
  ['FaceRecognition', 'FaceInfo', 'Face'],
  ['LicenseRecognitionResult', 'PlateInfo', 'Plate'],
] as const;

export function readTargetRec(op: XmlReader): TargetRecResult | null {
  const r = op.child('VideoTargetRecResult');
  if (!r) return null;
  const detections: TargetRecResult['detections'] = [];
  for (const [list, info, kind] of KINDS) {
    for (const d of r.children(list)) {
      detections.push({
        kind,
        time: d.num('Time'),
        url: d.str('Url'),
        objects: d.children(info).map((o) => ({ name: o.str('Name'), score: o.num('Score') })),
      });
    }
  }
  return { detections, extra: r.rest() };
}
