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

import type { BucketInfo } from '@/lib/bucket-param';
import { serverConfig } from '@/server/config';
import { processStore, storeShared } from '@/server/index/process-store';

import { CiClient } from './client';
import { emulatorConfig, type CiConfig, type CiTiming } from './config';
import { SharedReads } from './shared-reads';

export interface BucketBackend {
  bucket: string;
  region: string;
  client: CiClient;
  config: CiConfig;
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

/**
 * The bucket a page or route names ('' = the default, the first configured), or undefined when it
 * is not one of them: the one lookup of `?bucket=` (server/api/bucket for /api, the pages for theirs).
 */
export async function findBucket(name: string): Promise<BucketBackend | undefined> {
  const { buckets } = await getBackend();
  return name === '' ? buckets[0] : buckets.find((b) => b.bucket === name);
}

/** Every configured bucket as a page may show it (name and region, never a key), the default first. */
export async function bucketInfos(): Promise<BucketInfo[]> {
  const { buckets } = await getBackend();
  return buckets.map(({ bucket, region }) => ({ bucket, region }));
}

/**
 * With DATABASE_URL, the read cache is shared by the replicas (server/ci/shared-reads); a claim
 * is taken over once it is older than the longest a read can take (every try timed out, plus the
 * back-off between them).
 */
function sharedReads({ timeoutMs, maxRetries }: CiTiming): SharedReads | undefined {
  if (!storeShared()) return undefined;
  return new SharedReads({
    db: async () => (await processStore()).db,
    claimTimeoutMs: timeoutMs * (maxRetries + 1) + 5_000,
  });
}

async function createBackend(): Promise<Backend> {
  const { ci: configs, emulator: settings, ciTiming } = serverConfig();
  const shared = sharedReads(ciTiming);
  if (configs) {
    const buckets = configs.map((config) => ({
      bucket: config.bucket,
      region: config.region,
      client: new CiClient(config, { sharedReads: shared }),
      config,
    }));
    return { mode: 'ci', buckets, client: buckets[0]!.client, config: buckets[0]!.config, emulatorUrl: null };
  }

  const { startEmulator, DEMO_CREDENTIALS, DEMO_CREDENTIALS_2, DEFAULT_SEED } = await import('@/emulator');
  const { port, jobCount, seed, buckets: demoBuckets, faults, behaviour, steady } = settings!;
  const baseSeed = seed ?? DEFAULT_SEED;
  // Alternate the two demo key pairs, so neighbouring buckets never share one.
  const specs = demoBuckets.map((b, i) => ({
    ...b,
    seed: baseSeed + i,
    credentials: [i % 2 === 0 ? DEMO_CREDENTIALS : DEMO_CREDENTIALS_2],
  }));
  const emulator = await startEmulator({
    port,
    faults,
    buckets: specs,
    settings: behaviour,
    ...(steady ? { steady } : {}),
    ...(jobCount ? { jobCount } : {}),
  });
  const buckets = specs.map((spec) => {
    const key = spec.credentials[0]!;
    const config = emulatorConfig(
      {
        url: emulator.url,
        secretId: key.secretId,
        secretKey: key.secretKey,
        bucket: spec.bucket,
        region: spec.region,
        routed: true,
      },
      ciTiming,
    );
    return { bucket: spec.bucket, region: spec.region, client: new CiClient(config, { sharedReads: shared }), config };
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
