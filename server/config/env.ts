/**
 * Reading environment variables: one error type and a few readers that check a value and name the
 * variable when it is wrong, so a bad setting stops the server at start with a message an operator
 * can act on (server/config/index.ts reads every setting there).
 *
 * Not `server-only`: the standalone emulator (tsx, outside Next) parses bucket lists with it. It
 * holds no secret.
 */

/** The environment variables (a plain map, so tests can pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

/** A setting that is present but wrong (or missing while required): names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

/** The trimmed value, or undefined when the variable is unset or blank. */
export function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** An integer in [min, max]; blank means the fallback. */
export function integer(env: Env, name: string, range: { fallback: number; min?: number; max: number }): number {
  const raw = text(env, name);
  if (raw === undefined) return range.fallback;
  const min = range.min ?? 0;
  const value = /^[+-]?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > range.max) {
    throw new ConfigError(name, `must be an integer between ${min} and ${range.max}, got "${raw.slice(0, 40)}"`);
  }
  return value;
}

/** true/false (also 1/0, yes/no); blank means the fallback. */
export function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw.slice(0, 40)}"`);
}

/** One of the given words; blank means the fallback. */
export function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `must be one of ${values.join(', ')}, got "${raw.slice(0, 40)}"`);
}
