/**
 * `Operation` for any job in any state: dispatches to the builder of the job's tag.
 */
import type { JobState, Tag } from '@/lib/ci/tags';

import type { JobRecord } from '../dataset';
import type { XmlNode } from '../node';
import { Rng } from '../random';
import { ANALYSIS_BUILDERS } from './analysis';
import type { OperationBuilder } from './common';
import { MEDIA_BUILDERS } from './media';
import { SPEECH_BUILDERS } from './speech';
import { TEXT_BUILDERS } from './text';

const BUILDERS: Record<Tag, OperationBuilder> = {
  ...MEDIA_BUILDERS,
  ...ANALYSIS_BUILDERS,
  ...SPEECH_BUILDERS,
  ...TEXT_BUILDERS,
};

export function operationFor(
  job: JobRecord,
  state: JobState,
  env: { bucket: string; region: string; seed: number },
): XmlNode | null {
  const rng = new Rng(job.contentSeed);
  return BUILDERS[job.tag]({ job, state, rng, ...env });
}
