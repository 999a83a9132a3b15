/**
 * The CI clients of this server process, one per configured bucket (server/ci/config.ts), each with
 * its own endpoint host and key pair, so every request is signed for the bucket it asks. With no
 * credentials it starts the emulator in this process on a loopback port (EMULATOR_PORT, default a
 * free one), serving the demo buckets (EMULATOR_BUCKETS, default two in different regions, each
 * with its own demo key pair), and talks to it over HTTP exactly as it would to CI: each bucket's
 * requests carry that bucket's CI host in the Host header and in the signature.
 *
 * Kept on globalThis because Next may load this module more than once (instrumentation and each
 * route bundle); there must still be one emulator and one client per bucket.
 */
import 'server-only';

import { BucketListError, parseBucketList } from './bucket-list';
import { CiClient } from './client';
import { ConfigError, emulatorConfig, readCiConfigs, type CiConfig } from './config';

export interface BucketBackend {
  bucket: string;
  region: string;
  client: CiClient;
  config: CiConfig;
}

/** What the pages and the health route may show about a bucket: never a key. */
export interface BucketInfo {
  bucket: string;
  region: string;
}

interface Backend {
  mode: 'ci' | 'emulator';
  /** Every configured bucket, the default first. */
  buckets: readonly BucketBackend[];
  /** The default bucket's client and config. */
  client: CiClient;
  config: CiConfig;
  /** Set in emulator mode: the emulator's base URL, for the health route and the logs. */
  emulatorUrl: string | null;
}

/** A bucket that is not configured; routes answer 400 naming the field `bucket` and the choices. */
export class UnknownBucketError extends Error {
  override readonly name = 'UnknownBucketError';
  constructor(
    readonly bucket: string,
    readonly configured: readonly string[],
  ) {
    super(`Unknown bucket "${bucket.slice(0, 64)}"; this dashboard shows ${configured.join(', ')}`);
  }
}

const KEY = Symbol.for('ci-jobs-dashboard.backend');
type Holder = { [KEY]?: Promise<Backend> };

export function getBackend(): Promise<Backend> {
  const holder = globalThis as Holder;
  holder[KEY] ??= createBackend().catch((error: unknown) => {
    delete holder[KEY]; // let the next request try again rather than fail forever
    throw error;
  });
  return holder[KEY];
}

/** The configured buckets as the UI may show them. */
export async function listBuckets(): Promise<BucketInfo[]> {
  return (await getBackend()).buckets.map(({ bucket, region }) => ({ bucket, region }));
}

/** One bucket's backend; no name (or '') means the default. Throws UnknownBucketError. */
export async function getBucket(bucket?: string | null): Promise<BucketBackend> {
  const { buckets } = await getBackend();
  if (!bucket) return buckets[0]!;
  const found = buckets.find((b) => b.bucket === bucket);
  if (!found)
    throw new UnknownBucketError(
      bucket,
      buckets.map((b) => b.bucket),
    );
  return found;
}

export async function getCiClient(bucket?: string | null): Promise<CiClient> {
  return (await getBucket(bucket)).client;
}

async function createBackend(): Promise<Backend> {
  const configs = readCiConfigs();
  if (configs) {
    const buckets = configs.map((config) => ({
      bucket: config.bucket,
      region: config.region,
      client: new CiClient(config),
      config,
    }));
    return { mode: 'ci', buckets, client: buckets[0]!.client, config: buckets[0]!.config, emulatorUrl: null };
  }

  const {
    startEmulator,
    DEMO_CREDENTIALS,
    DEMO_CREDENTIALS_2,
    DEFAULT_SEED,
    faultsFromEnv,
    settingsFromEnv,
    steadyFromEnv,
    EmulatorSettingError,
  } = await import('@/emulator');
  // EMULATOR_JOBS_PER_HOUR/EMULATOR_DAYS (steady rate), EMULATOR_PAGING, _TIME_BOUNDS, _RETENTION_DAYS, _PIC_ON_JOBS.
  let steady, settings;
  try {
    steady = steadyFromEnv();
    settings = settingsFromEnv(process.env, Boolean(steady));
  } catch (error) {
    if (error instanceof EmulatorSettingError)
      throw new ConfigError(error.variable, error.message.slice(error.variable.length + 2));
    throw error;
  }
  const port = Number(process.env.EMULATOR_PORT ?? 0);
  // EMULATOR_JOBS / EMULATOR_SEED size each demo bucket's data set (benchmarks use a large one).
  const jobs = Number(process.env.EMULATOR_JOBS || 0);
  const seed = Number(process.env.EMULATOR_SEED || 0);
  const baseSeed = Number.isInteger(seed) && seed > 0 ? seed : DEFAULT_SEED;
  // Alternate the two demo key pairs, so neighbouring buckets never share one.
  const specs = demoBuckets().map((b, i) => ({
    ...b,
    seed: baseSeed + i,
    credentials: [i % 2 === 0 ? DEMO_CREDENTIALS : DEMO_CREDENTIALS_2],
  }));
  const emulator = await startEmulator({
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0,
    faults: faultsFromEnv(),
    buckets: specs,
    settings,
    ...(steady ? { steady } : {}),
    ...(Number.isInteger(jobs) && jobs > 0 && jobs <= 1_000_000 ? { jobCount: jobs } : {}),
  });
  const buckets = specs.map((spec) => {
    const key = spec.credentials[0]!;
    const config = emulatorConfig({
      url: emulator.url,
      secretId: key.secretId,
      secretKey: key.secretKey,
      bucket: spec.bucket,
      region: spec.region,
      routed: true,
    });
    return { bucket: spec.bucket, region: spec.region, client: new CiClient(config), config };
  });
  console.log(
    `[ci] no CI_SECRET_ID set: running on the built-in CI emulator at ${emulator.url} (buckets: ${buckets.map((b) => `${b.bucket}@${b.region}`).join(', ')})`,
  );
  return {
    mode: 'emulator',
    buckets,
    client: buckets[0]!.client,
    config: buckets[0]!.config,
    emulatorUrl: emulator.url,
  };
}

/** The demo's buckets: EMULATOR_BUCKETS, or the default bucket plus one in another region. */
export const DEMO_BUCKETS = 'demo-1250000000@ap-guangzhou,media-1250000001@ap-shanghai';

function demoBuckets() {
  try {
    return parseBucketList('EMULATOR_BUCKETS', process.env.EMULATOR_BUCKETS?.trim() || DEMO_BUCKETS, {
      profiles: false,
    });
  } catch (error) {
    if (error instanceof BucketListError)
      throw new ConfigError(error.variable, error.message.slice(error.variable.length + 2));
    throw error;
  }
}
