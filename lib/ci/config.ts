/**
 * Which CI the server talks to, read once from the environment and validated with a message that
 * names the bad variable. With no CI_SECRET_ID the dashboard runs on the embedded emulator
 * (lib/ci/backend.ts starts it); nothing here reaches the browser.
 */
import 'server-only';
import { z } from 'zod';
import { Credentials } from './credentials';

/** The environment variables read here (a plain map, so tests can pass their own). */
export type Env = Record<string, string | undefined>;

export interface CiConfig {
  mode: 'ci' | 'emulator';
  /** Base URL without a trailing slash, e.g. https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: Credentials;
  timeoutMs: number;
  maxRetries: number;
  /** How long identical reads share one answer (CI_CACHE_TTL_MS, default 2000; 0 = only in flight). */
  cacheTtlMs: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
  }
}

const BUCKET = /^[a-z0-9][a-z0-9-]{0,48}-\d{5,12}$/;
const REGION = /^[a-z]{2,4}(-[a-z]+)+(-\d+)?$/;

const optional = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());

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
    throw new ConfigError('CI_ENDPOINT', 'must be a bare origin such as https://host:port, without path, query or credentials');
  }
  return url.origin;
}

function positiveInt(variable: string, raw: string | undefined, fallback: number, max: number): number {
  const value = optional(raw);
  if (value === undefined) return fallback;
  const parsed = z.coerce.number().int().min(0).max(max).safeParse(value);
  if (!parsed.success) throw new ConfigError(variable, `must be an integer between 0 and ${max}, got "${value}"`);
  return parsed.data;
}

export interface EmulatorTarget {
  url: string;
  secretId: string;
  secretKey: string;
  bucket: string;
  region: string;
}

/**
 * Reads the real-CI settings. Returns null when no CI_SECRET_ID is set, meaning: use the emulator.
 * Throws ConfigError naming the variable for anything that is set but wrong.
 */
export function readCiConfig(env: Env = process.env): CiConfig | null {
  const secretId = optional(env.CI_SECRET_ID);
  const secretKey = optional(env.CI_SECRET_KEY);
  const timeoutMs = positiveInt('CI_TIMEOUT_MS', env.CI_TIMEOUT_MS, 10_000, 120_000);
  const maxRetries = positiveInt('CI_MAX_RETRIES', env.CI_MAX_RETRIES, 2, 2);
  if (!secretId) {
    if (secretKey) throw new ConfigError('CI_SECRET_ID', 'is missing while CI_SECRET_KEY is set; set both, or neither for the emulator');
    return null;
  }
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(secretId)) {
    throw new ConfigError('CI_SECRET_ID', 'must be 8–128 letters, digits, "-" or "_" (a SecretId such as AKID…)');
  }
  if (!secretKey) throw new ConfigError('CI_SECRET_KEY', 'is missing; it is required when CI_SECRET_ID is set');
  if (/\s/.test(secretKey)) throw new ConfigError('CI_SECRET_KEY', 'contains white space; check how it was pasted');

  const rawEndpoint = optional(env.CI_ENDPOINT);
  const bucket = optional(env.CI_BUCKET);
  const region = optional(env.CI_REGION);
  if (!rawEndpoint && !bucket) throw new ConfigError('CI_BUCKET', 'is missing; expected <name>-<appid>, e.g. examplebucket-1250000000');
  if (bucket && !BUCKET.test(bucket)) {
    throw new ConfigError('CI_BUCKET', `"${bucket}" is not of the form <name>-<appid>, e.g. examplebucket-1250000000`);
  }
  if (!rawEndpoint && !region) throw new ConfigError('CI_REGION', 'is missing; expected a region such as ap-guangzhou');
  if (region && !REGION.test(region)) throw new ConfigError('CI_REGION', `"${region}" is not a region such as ap-guangzhou`);

  const endpoint = rawEndpoint ? endpointOf(rawEndpoint) : `https://${bucket}.ci.${region}.myqcloud.com`;
  return {
    mode: 'ci',
    endpoint,
    bucket: bucket ?? 'unknown-0000000000',
    region: region ?? 'unknown',
    credentials: new Credentials(secretId, secretKey, optional(env.CI_SESSION_TOKEN)),
    timeoutMs,
    maxRetries,
    cacheTtlMs: positiveInt('CI_CACHE_TTL_MS', env.CI_CACHE_TTL_MS, 2_000, 60_000),
  };
}

/** The config that points the client at an emulator the server started itself. */
export function emulatorConfig(target: EmulatorTarget, env: Env = process.env): CiConfig {
  return {
    mode: 'emulator',
    endpoint: target.url,
    bucket: target.bucket,
    region: target.region,
    credentials: new Credentials(target.secretId, target.secretKey),
    timeoutMs: positiveInt('CI_TIMEOUT_MS', env.CI_TIMEOUT_MS, 10_000, 120_000),
    maxRetries: positiveInt('CI_MAX_RETRIES', env.CI_MAX_RETRIES, 2, 2),
    cacheTtlMs: positiveInt('CI_CACHE_TTL_MS', env.CI_CACHE_TTL_MS, 2_000, 60_000),
  };
}
