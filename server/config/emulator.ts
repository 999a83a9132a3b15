/**
 * The embedded emulator's settings, read when no CI credentials are configured: its port, the size
 * and seed of each demo bucket's data set, which buckets it serves, and its own settings — faults
 * (EMULATOR_ERROR_RATE…), CI's behaviours where the reference leaves a choice (EMULATOR_PAGING,
 * _TIME_BOUNDS, _RETENTION_DAYS, _PIC_ON_JOBS) and the steady-rate data set (EMULATOR_JOBS_PER_HOUR,
 * EMULATOR_DAYS) — read by the emulator's own parsers (shared with `npm run emulator`) and reported
 * here as a ConfigError naming the variable.
 */
import 'server-only';

import { FaultConfigError, faultsFromEnv, type FaultSettings } from '@/emulator/faults';
import {
  EmulatorSettingError,
  settingsFromEnv,
  steadyFromEnv,
  type EmulatorSettings as EmulatorBehaviour,
  type SteadyOptions,
} from '@/emulator/settings';
import { parseBucketList, type BucketEntry } from '@/server/ci/bucket-list';

import { ConfigError, integer, text, type Env } from './env';

export interface EmulatorSettings {
  /** EMULATOR_PORT: 0 (default) picks a free loopback port. */
  port: number;
  /** EMULATOR_JOBS: jobs per demo bucket; undefined keeps the emulator's default data set. */
  jobCount: number | undefined;
  /** EMULATOR_SEED: the first bucket's seed (the next ones count up from it); undefined = the default. */
  seed: number | undefined;
  buckets: BucketEntry[];
  faults: FaultSettings | undefined;
  behaviour: EmulatorBehaviour;
  /** Set in steady-rate mode (EMULATOR_JOBS_PER_HOUR over EMULATOR_DAYS). */
  steady: SteadyOptions | undefined;
}

/** The emulator's own readers, their errors as ConfigErrors naming the variable. */
function emulatorOwn(env: Env) {
  try {
    const steady = steadyFromEnv(env);
    return { steady, behaviour: settingsFromEnv(env, Boolean(steady)), faults: faultsFromEnv(env) };
  } catch (error) {
    if (error instanceof EmulatorSettingError) {
      throw new ConfigError(error.variable, error.message.slice(error.variable.length + 2));
    }
    if (error instanceof FaultConfigError) {
      // "EMULATOR_ERROR_RATE: must be …": the variable leads the message.
      const [variable = 'EMULATOR_*', ...rest] = error.message.split(': ');
      throw new ConfigError(variable, rest.join(': '));
    }
    throw error;
  }
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
    ...emulatorOwn(env),
  };
}
