/**
 * Which CI the server talks to, read once from the environment and validated with a message that
 * names the bad variable. With neither CI_SECRET_ID nor CI_BUCKETS the dashboard runs on the
 * embedded emulator (server/ci/backend.ts starts it); nothing here reaches the browser.
 *
 * One bucket: CI_BUCKET + CI_REGION (+ CI_ENDPOINT), signed with CI_SECRET_ID / CI_SECRET_KEY.
 * Several: CI_BUCKETS=<name>-<appid>@<region>[=PROFILE],… (server/ci/bucket-list.ts), each signed with
 * CI_SECRET_ID_<PROFILE> / CI_SECRET_KEY_<PROFILE>, or the default pair when it names no profile.
 * The result is one CiConfig per bucket, in the order given; the first is the default.
 */
import 'server-only';

import { ConfigError, integer, text, type Env } from '@/server/config/env';

import { BUCKET_PATTERN, ciHostOf, parseBucketList, REGION_PATTERN } from './bucket-list';
import { Credentials } from './credentials';

/**
 * How requests are timed, retried, shared and bounded (CI_TIMEOUT_MS, CI_MAX_RETRIES, CI_CACHE_TTL_MS,
 * CI_MAX_RESPONSE_BYTES).
 */
export type CiTiming = Pick<CiConfig, 'timeoutMs' | 'maxRetries' | 'cacheTtlMs' | 'maxResponseBytes'>;

export interface CiConfig {
  mode: 'ci' | 'emulator';
  /** Base URL without a trailing slash, e.g. https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com */
  endpoint: string;
  /**
   * Where requests are actually sent when that is not the endpoint's own host: an origin such as
   * http://127.0.0.1:9100 that gets each request with the endpoint's host in its Host header (and
   * signed for it), the way CI tells buckets apart. Set for the embedded emulator and for
   * CI_ENDPOINT with CI_BUCKETS.
   */
  via?: string;
  bucket: string;
  region: string;
  credentials: Credentials;
  timeoutMs: number;
  maxRetries: number;
  /** How long identical reads share one answer (CI_CACHE_TTL_MS, default 2000; 0 = only in flight). */
  cacheTtlMs: number;
  /**
   * The most bytes read of one CI answer (CI_MAX_RESPONSE_BYTES, default 8 MiB): a hostile or broken
   * CI must not make the server buffer and parse an unbounded body while other users wait.
   */
  maxResponseBytes: number;
}

export { ConfigError, type Env };

const BUCKET = BUCKET_PATTERN;
const REGION = REGION_PATTERN;

function endpointOf(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('CI_ENDPOINT', `"${raw}" is not a URL; expected e.g. http://127.0.0.1:9100`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('CI_ENDPOINT', 'must start with http:// or https://');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username) {
    throw new ConfigError(
      'CI_ENDPOINT',
      'must be a bare origin such as https://host:port, without path, query or credentials',
    );
  }
  return url.origin;
}

export interface EmulatorTarget {
  url: string;
  secretId: string;
  secretKey: string;
  bucket: string;
  region: string;
  /**
   * Address the bucket by its CI host (https://<bucket>.ci.<region>.myqcloud.com) and send to
   * `url` with that Host header, as the embedded emulator serving several buckets expects.
   * Default false: the emulator's own URL is the endpoint (its first bucket).
   */
  routed?: boolean;
}

/** The key pair of a profile (undefined: the default CI_SECRET_ID / CI_SECRET_KEY), checked. */
function credentialsOf(env: Env, profile: string | undefined, usedBy: string): Credentials {
  const suffix = profile ? `_${profile}` : '';
  const idVar = `CI_SECRET_ID${suffix}`;
  const keyVar = `CI_SECRET_KEY${suffix}`;
  const secretId = text(env, idVar);
  const secretKey = text(env, keyVar);
  if (!secretId) {
    throw new ConfigError(
      idVar,
      secretKey
        ? `is missing while ${keyVar} is set; set both`
        : `is missing; ${usedBy} is signed with ${idVar} / ${keyVar}`,
    );
  }
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(secretId)) {
    throw new ConfigError(idVar, 'must be 8–128 letters, digits, "-" or "_" (a SecretId such as AKID…)');
  }
  if (!secretKey) throw new ConfigError(keyVar, `is missing; it is required when ${idVar} is set`);
  if (/\s/.test(secretKey)) throw new ConfigError(keyVar, 'contains white space; check how it was pasted');
  return new Credentials(secretId, secretKey, text(env, `CI_SESSION_TOKEN${suffix}`));
}

/**
 * Reads the real-CI settings: one config per bucket, the default first. Returns null when neither
 * CI_SECRET_ID nor CI_BUCKETS is set, meaning: use the emulator. Throws ConfigError naming the
 * variable (and for CI_BUCKETS the entry) for anything that is set but wrong.
 */
export function readCiConfigs(env: Env = process.env): CiConfig[] | null {
  const list = text(env, 'CI_BUCKETS');
  if (list === undefined) {
    const single = readSingleBucket(env);
    return single ? [single] : null;
  }
  for (const variable of ['CI_BUCKET', 'CI_REGION'] as const) {
    if (text(env, variable) !== undefined) {
      throw new ConfigError(
        variable,
        'is set together with CI_BUCKETS; list every bucket in CI_BUCKETS (<name>-<appid>@<region>,…) and unset it',
      );
    }
  }
  const entries = parseBucketList('CI_BUCKETS', list);
  const rawEndpoint = text(env, 'CI_ENDPOINT');
  const via = rawEndpoint ? endpointOf(rawEndpoint) : undefined;
  const common = readCiTiming(env);
  const byProfile = new Map<string, Credentials>();
  return entries.map(({ bucket, region, profile }) => {
    const key = profile ?? '';
    let credentials = byProfile.get(key);
    if (!credentials) {
      credentials = credentialsOf(
        env,
        profile,
        `bucket ${bucket} in CI_BUCKETS${profile ? '' : ' (it names no =PROFILE)'}`,
      );
      byProfile.set(key, credentials);
    }
    return {
      mode: 'ci' as const,
      endpoint: `https://${ciHostOf(bucket, region)}`,
      ...(via ? { via } : {}),
      bucket,
      region,
      credentials,
      ...common,
    };
  });
}

/** The first (default) bucket's config; see readCiConfigs. */
export function readCiConfig(env: Env = process.env): CiConfig | null {
  return readCiConfigs(env)?.[0] ?? null;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** How requests are timed, retried and shared: the same for every bucket, CI or emulator. */
export function readCiTiming(env: Env): CiTiming {
  return {
    timeoutMs: integer(env, 'CI_TIMEOUT_MS', { fallback: 10_000, min: 1, max: 120_000 }),
    maxRetries: integer(env, 'CI_MAX_RETRIES', { fallback: 2, max: 2 }),
    cacheTtlMs: integer(env, 'CI_CACHE_TTL_MS', { fallback: 2_000, max: 60_000 }),
    // The largest real answer, a 100-job page with full MediaInfo, is well under 1 MiB.
    maxResponseBytes: integer(env, 'CI_MAX_RESPONSE_BYTES', {
      fallback: DEFAULT_MAX_RESPONSE_BYTES,
      min: 64 * 1024,
      max: 1024 * 1024 * 1024,
    }),
  };
}

/** The single-bucket variables, exactly as before CI_BUCKETS existed. */
function readSingleBucket(env: Env): CiConfig | null {
  const secretId = text(env, 'CI_SECRET_ID');
  const secretKey = text(env, 'CI_SECRET_KEY');
  if (!secretId) {
    if (secretKey)
      throw new ConfigError(
        'CI_SECRET_ID',
        'is missing while CI_SECRET_KEY is set; set both, or neither for the emulator',
      );
    return null;
  }
  const credentials = credentialsOf(env, undefined, 'the bucket');

  const rawEndpoint = text(env, 'CI_ENDPOINT');
  const bucket = text(env, 'CI_BUCKET');
  const region = text(env, 'CI_REGION');
  if (!rawEndpoint && !bucket)
    throw new ConfigError('CI_BUCKET', 'is missing; expected <name>-<appid>, e.g. examplebucket-1250000000');
  if (bucket && !BUCKET.test(bucket)) {
    throw new ConfigError('CI_BUCKET', `"${bucket}" is not of the form <name>-<appid>, e.g. examplebucket-1250000000`);
  }
  if (!rawEndpoint && !region) throw new ConfigError('CI_REGION', 'is missing; expected a region such as ap-guangzhou');
  if (region && !REGION.test(region))
    throw new ConfigError('CI_REGION', `"${region}" is not a region such as ap-guangzhou`);

  const endpoint = rawEndpoint ? endpointOf(rawEndpoint) : `https://${bucket}.ci.${region}.myqcloud.com`;
  return {
    mode: 'ci',
    endpoint,
    bucket: bucket ?? 'unknown-0000000000',
    region: region ?? 'unknown',
    credentials,
    ...readCiTiming(env),
  };
}

/** The config that points the client at an emulator the server started itself. */
export function emulatorConfig(target: EmulatorTarget, timing: CiTiming): CiConfig {
  return {
    mode: 'emulator',
    endpoint: target.routed ? `https://${ciHostOf(target.bucket, target.region)}` : target.url,
    ...(target.routed ? { via: target.url } : {}),
    bucket: target.bucket,
    region: target.region,
    credentials: new Credentials(target.secretId, target.secretKey),
    ...timing,
  };
}
