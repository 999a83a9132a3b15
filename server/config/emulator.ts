/**
 * The embedded emulator's settings, read when no CI credentials are configured: its port, the size
 * and seed of each demo bucket's data set, and which buckets it serves. (Its fault settings,
 * EMULATOR_ERROR_RATE and the like, are read by the emulator's own faultsFromEnv.)
 */
import 'server-only';

import { parseBucketList, type BucketEntry } from '@/server/ci/bucket-list';

import { integer, text, type Env } from './env';

export interface EmulatorSettings {
  /** EMULATOR_PORT: 0 (default) picks a free loopback port. */
  port: number;
  /** EMULATOR_JOBS: jobs per demo bucket; undefined keeps the emulator's default data set. */
  jobCount: number | undefined;
  /** EMULATOR_SEED: the first bucket's seed (the next ones count up from it); undefined = the default. */
  seed: number | undefined;
  buckets: BucketEntry[];
}

/** The demo's buckets: EMULATOR_BUCKETS, or the default bucket plus one in another region. */
export const DEMO_BUCKETS = 'demo-1250000000@ap-guangzhou,media-1250000001@ap-shanghai';

export function readEmulatorSettings(env: Env): EmulatorSettings {
  const jobs = integer(env, 'EMULATOR_JOBS', { fallback: 0, max: 1_000_000 });
  const seed = integer(env, 'EMULATOR_SEED', { fallback: 0, max: 2 ** 31 - 1 });
  return {
    port: integer(env, 'EMULATOR_PORT', { fallback: 0, max: 65_535 }),
    jobCount: jobs > 0 ? jobs : undefined,
    seed: seed > 0 ? seed : undefined,
    buckets: parseBucketList('EMULATOR_BUCKETS', text(env, 'EMULATOR_BUCKETS') ?? DEMO_BUCKETS, { profiles: false }),
  };
}
