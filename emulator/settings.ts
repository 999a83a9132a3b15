/**
 * The emulator's behaviour where CI's reference leaves a question open (or where tests want the
 * other answer), and the steady-rate data set. Each has an EMULATOR_* variable; a bad value stops
 * the start with a message naming it. README "The CI emulator" lists them.
 */
import { DEFAULT_LIST_SETTINGS, type ListSettings } from './query';

export interface EmulatorSettings extends ListSettings {
  /**
   * Whether GET /jobs also lists and finds picture jobs (PicProcess). CI documents /pic_jobs for
   * them and /jobs for media, AI and speech; whether /jobs answers for picture tags is unknown.
   */
  picOnJobs: boolean;
}

export const DEFAULT_SETTINGS: EmulatorSettings = { ...DEFAULT_LIST_SETTINGS, picOnJobs: true };

/** A steady-rate data set instead of the demo one (plan/steady.ts). */
export interface SteadyOptions {
  jobsPerHour: number;
  /** Days of history before the start. */
  days: number;
}

export class EmulatorSettingError extends Error {
  override readonly name = 'EmulatorSettingError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

type Env = Readonly<Record<string, string | undefined>>;

function choice<T extends string>(env: Env, variable: string, allowed: readonly T[]): T | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  if (!(allowed as readonly string[]).includes(raw))
    throw new EmulatorSettingError(variable, `must be one of ${allowed.join(', ')}; got "${raw.slice(0, 40)}"`);
  return raw as T;
}

function number(env: Env, variable: string, min: number, max: number): number | undefined {
  const raw = env[variable]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max)
    throw new EmulatorSettingError(variable, `must be a number from ${min} to ${max}; got "${raw.slice(0, 40)}"`);
  return n;
}

/** The steady-rate mode, when EMULATOR_JOBS_PER_HOUR is set. */
export function steadyFromEnv(env: Env = process.env): SteadyOptions | undefined {
  const jobsPerHour = number(env, 'EMULATOR_JOBS_PER_HOUR', 1, 200_000);
  const days = number(env, 'EMULATOR_DAYS', 1, 400);
  if (jobsPerHour === undefined) {
    if (days !== undefined)
      throw new EmulatorSettingError('EMULATOR_DAYS', 'only applies with EMULATOR_JOBS_PER_HOUR (steady-rate mode)');
    return undefined;
  }
  const steady = { jobsPerHour, days: days ?? 30 };
  if (steady.jobsPerHour * 24 * (steady.days + 1) > 5_000_000)
    throw new EmulatorSettingError(
      'EMULATOR_JOBS_PER_HOUR',
      `${steady.jobsPerHour}/h over ${steady.days} days (and a day ahead) exceeds 5,000,000 jobs`,
    );
  return steady;
}

/**
 * EMULATOR_PAGING=lookahead|ci, EMULATOR_TIME_BOUNDS=exclusive|inclusive, EMULATOR_RETENTION_DAYS
 * (0 = keep all; default 30 in steady-rate mode, keep all for the demo set, whose oldest jobs are
 * just past 30 days), EMULATOR_PIC_ON_JOBS=yes|no.
 */
export function settingsFromEnv(env: Env = process.env, steady = false): EmulatorSettings {
  const retentionDays = number(env, 'EMULATOR_RETENTION_DAYS', 0, 3650) ?? (steady ? 30 : 0);
  return {
    paging: choice(env, 'EMULATOR_PAGING', ['lookahead', 'ci'] as const) ?? DEFAULT_SETTINGS.paging,
    timeBounds: choice(env, 'EMULATOR_TIME_BOUNDS', ['exclusive', 'inclusive'] as const) ?? DEFAULT_SETTINGS.timeBounds,
    retentionMs: retentionDays > 0 ? retentionDays * 86_400_000 : null,
    picOnJobs: (choice(env, 'EMULATOR_PIC_ON_JOBS', ['yes', 'no'] as const) ?? 'yes') === 'yes',
  };
}
