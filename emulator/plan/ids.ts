/**
 * Identifiers: a prefix letter and 32 hex digits, as CI writes them. The prefix tells the family
 * (reference §5.1): `j` media jobs, `c` picture jobs, `a` AI jobs; `p` queues, `w` workflows,
 * `b` batch (inventory-trigger) jobs, `i` workflow runs, `t` templates.
 */
import { tagInfo, type Tag } from '@/lib/ci/tags';

import type { Rng } from '../random';

/** The job-id prefix CI uses for a tag: picture jobs `c`, AI-queue jobs `a`, the rest `j`. */
export function jobIdPrefix(tag: Tag): 'j' | 'c' | 'a' {
  const queueType = tagInfo(tag)?.queueType;
  return queueType === 'PicProcess' ? 'c' : queueType === 'AIProcess' ? 'a' : 'j';
}

/** Draws ids from the data set's generator, never the same one twice. */
export class IdMaker {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  next(prefix: string): string {
    for (;;) {
      const id = prefix + this.rng.hex(32);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}
