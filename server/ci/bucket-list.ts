/**
 * The list form of buckets shared by CI_BUCKETS (the dashboard) and EMULATOR_BUCKETS (the
 * emulator): comma-separated `<name>-<appid>@<region>`, each optionally `=<PROFILE>`, the suffix of
 * the key-pair variables it is signed with (CI_SECRET_ID_<PROFILE>, CI_SECRET_KEY_<PROFILE>).
 *
 * A bad list is a ConfigError naming the variable and the entry, never anything but the entry's own
 * text. Not `server-only` and free of zod: the standalone emulator (tsx, outside Next) parses it too.
 * It holds no secret; the keys are looked up by server/ci/config.ts.
 */

import { ConfigError } from '@/server/config/env';

export const BUCKET_PATTERN = /^[a-z0-9][a-z0-9-]{0,48}-\d{5,12}$/;
export const REGION_PATTERN = /^[a-z]{2,4}(-[a-z]+)+(-\d+)?$/;
/** Upper-case letters, digits and `_`, as it becomes part of an environment variable's name. */
export const PROFILE_PATTERN = /^[A-Z][A-Z0-9_]{0,31}$/;

export interface BucketEntry {
  bucket: string;
  region: string;
  /** The key-pair profile; undefined means the default CI_SECRET_ID / CI_SECRET_KEY. */
  profile?: string;
}

const EXAMPLE = 'examplebucket-1250000000@ap-guangzhou';

/** The host CI serves a bucket's job APIs on (ci-api-reference.md §1). */
export function ciHostOf(bucket: string, region: string): string {
  return `${bucket}.ci.${region}.myqcloud.com`;
}

/**
 * Parses a bucket list; every problem throws a ConfigError naming `variable` and the entry
 * (by position and text), so the operator knows which one to fix.
 */
export function parseBucketList(variable: string, raw: string, options: { profiles?: boolean } = {}): BucketEntry[] {
  const allowProfiles = options.profiles ?? true;
  const parts = raw.split(',').map((p) => p.trim());
  if (parts.length === 1 && parts[0] === '') throw new ConfigError(variable, `is empty; expected e.g. ${EXAMPLE}`);
  const out: BucketEntry[] = [];
  const seen = new Set<string>();
  parts.forEach((part, i) => {
    const where = `entry ${i + 1}${part ? ` "${part.slice(0, 80)}"` : ''}`;
    if (part === '') throw new ConfigError(variable, `${where} is empty; separate buckets with single commas`);
    const eq = part.indexOf('=');
    const spec = eq < 0 ? part : part.slice(0, eq);
    const profile = eq < 0 ? undefined : part.slice(eq + 1);
    const at = spec.indexOf('@');
    if (at < 0)
      throw new ConfigError(variable, `${where} has no region; expected <name>-<appid>@<region>, e.g. ${EXAMPLE}`);
    const bucket = spec.slice(0, at);
    const region = spec.slice(at + 1);
    if (!BUCKET_PATTERN.test(bucket)) {
      throw new ConfigError(
        variable,
        `${where}: "${bucket.slice(0, 60)}" is not a bucket of the form <name>-<appid>, e.g. examplebucket-1250000000`,
      );
    }
    if (!REGION_PATTERN.test(region))
      throw new ConfigError(variable, `${where}: "${region.slice(0, 40)}" is not a region such as ap-guangzhou`);
    if (profile !== undefined) {
      if (!allowProfiles) throw new ConfigError(variable, `${where}: a key profile (=…) is not taken here`);
      if (!PROFILE_PATTERN.test(profile)) {
        throw new ConfigError(
          variable,
          `${where}: the profile after "=" must be 1–32 upper-case letters, digits or "_", starting with a letter (e.g. =PROD)`,
        );
      }
    }
    if (seen.has(bucket)) throw new ConfigError(variable, `${where}: bucket ${bucket} is listed twice`);
    seen.add(bucket);
    out.push(profile === undefined ? { bucket, region } : { bucket, region, profile });
  });
  return out;
}
