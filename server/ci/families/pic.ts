/** PicProcess: the original image and the processed results. */
import 'server-only';

import type { PicProcessResult } from '@/lib/ci/types';

import type { XmlReader } from '../xml-reader';

export function readPic(op: XmlReader): PicProcessResult | null {
  const upload = op.child('PicProcessResult')?.child('UploadResult');
  if (!upload) return null;
  const original = upload.child('OriginalInfo');
  const image = original?.child('ImageInfo');
  return {
    original: original
      ? {
          key: original.str('Key'),
          location: original.str('Location'),
          format: image?.str('Format') ?? null,
          width: image?.int('Width') ?? null,
          height: image?.int('Height') ?? null,
        }
      : null,
    processed: (upload.child('ProcessResults')?.children('Object') ?? []).map((o) => ({
      key: o.str('Key'),
      location: o.str('Location'),
      format: o.str('Format'),
      width: o.int('Width'),
      height: o.int('Height'),
      sizeBytes: o.num('Size'),
    })),
    extra: upload.rest(),
  };
}
