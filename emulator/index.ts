/**
 * The CI emulator: a real HTTP server that answers like Tencent Cloud CI's job APIs, with a
 * deterministic data set that keeps moving with the clock. Used by the dashboard when no
 * credentials are configured (server/ci/backend.ts), by `npm run emulator`, and by the tests.
 *
 * It listens on loopback only unless told otherwise: it accepts a published demo key pair.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Authenticator, type Credential } from './auth';
import { createDataset, DEFAULT_BUCKET, DEFAULT_REGION, DEFAULT_SEED, type Dataset } from './dataset';
import { FaultInjector, type FaultConfig, type FaultSettings } from './faults';
import { createSteadyDataset } from './plan/steady';
import { RequestLog, type RequestRecord } from './requests';
import { JobScript } from './script';
import { createHandler, type BucketState } from './server';
import { DEFAULT_SETTINGS, type EmulatorSettings, type SteadyOptions } from './settings';
import { JobXmlCache } from './xml';

export { faultsFromEnv, normalizeFaults, NO_FAULTS, FaultConfigError } from './faults';
export type { FaultConfig, FaultSettings, TruncateMode, MalformedMode } from './faults';
export type { RequestRecord } from './requests';
export type { Credential } from './auth';
export { createDataset, viewAt, DEFAULT_SEED, DEFAULT_JOB_COUNT, DEFAULT_BUCKET, DEFAULT_REGION } from './dataset';
export type { Dataset, JobRecord, JobView, QueueRecord, WorkflowRecord, BatchJobRecord, Outcome } from './dataset';
export { formatCiTime, parseCiTime } from './time';
export { settingsFromEnv, steadyFromEnv, EmulatorSettingError, DEFAULT_SETTINGS } from './settings';
export type { EmulatorSettings, SteadyOptions } from './settings';
export { MAX_BATCH_IDS } from './server';
export { lowerBound } from './query';

/** A published, obviously fake key pair: only ever accepted by this emulator. */
export const DEMO_CREDENTIALS: Readonly<Credential> = Object.freeze({
  secretId: 'AKIDemulatorDEMO0000000000000000000',
  secretKey: 'emulatorDemoSecretKey0000000000000',
});

/**
 * The demo's second key pair (as published and fake as the first): the embedded emulator's second
 * bucket accepts only this one, so the dashboard visibly signs each bucket with its own keys.
 */
export const DEMO_CREDENTIALS_2: Readonly<Credential> = Object.freeze({
  secretId: 'AKIDemulatorDEMO2222222222222222222',
  secretKey: 'emulatorDemoSecretKey2222222222222',
});

/** One bucket an emulator serves; unset fields come from the emulator's options. */
export interface EmulatorBucket {
  bucket: string;
  region: string;
  seed?: number;
  jobCount?: number;
  /** Key pairs this bucket accepts; default the emulator's `credentials`. */
  credentials?: readonly Credential[];
}

export const DEFAULT_SKEW_SECONDS = 900;

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Accepted key pairs; default [DEMO_CREDENTIALS]. */
  credentials?: readonly Credential[];
  jobCount?: number;
  seed?: number;
  /** The emulator's clock (ms); inject one to move time in tests. Default Date.now. */
  now?: () => number;
  /** The instant the data set is generated around; default now() at start. */
  baseTime?: number;
  /** Allowed clock skew for signatures and the Date header; default 900 s. */
  skewSeconds?: number;
  faults?: FaultSettings;
  bucket?: string;
  region?: string;
  /**
   * Serve several buckets, told apart by the Host header (server.ts). Default: one bucket,
   * `bucket`/`region`. The first is what an address-style Host means.
   */
  buckets?: readonly EmulatorBucket[];
  /** Request-log capacity; default 10,000. */
  logCapacity?: number;
  /** Paging, time bounds, retention, /pic_jobs (settings.ts); default DEFAULT_SETTINGS. */
  settings?: Partial<EmulatorSettings>;
  /** A steady-rate data set (jobs per hour over days of history) instead of the demo set of `jobCount` jobs. */
  steady?: SteadyOptions;
}

export interface Emulator {
  /** Base URL, e.g. http://127.0.0.1:9100 (no trailing slash). */
  url: string;
  port: number;
  host: string;
  /** The first bucket's name, region and data. */
  bucket: string;
  region: string;
  dataset: Dataset;
  /** Every bucket served, the first first. */
  buckets: readonly { bucket: string; region: string; dataset: Dataset; credentials: readonly Credential[] }[];
  close(): Promise<void>;
  setFaults(faults: FaultSettings): FaultConfig;
  clearFaults(): void;
  faults(): FaultConfig;
  requests(): RequestRecord[];
  clearRequests(): void;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const credentials = options.credentials ?? [DEMO_CREDENTIALS];
  if (credentials.length === 0) throw new Error('startEmulator: at least one credential is required');
  const specs: readonly EmulatorBucket[] = options.buckets?.length
    ? options.buckets
    : [{ bucket: options.bucket ?? DEFAULT_BUCKET, region: options.region ?? DEFAULT_REGION }];
  const baseTime = options.baseTime ?? now();
  const settings: EmulatorSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const buckets: BucketState[] = specs.map((spec) => {
    const accepted = spec.credentials ?? credentials;
    if (accepted.length === 0) throw new Error(`startEmulator: bucket ${spec.bucket} accepts no credential`);
    const seeded = options.steady
      ? createSteadyDataset({
          seed: spec.seed ?? options.seed ?? DEFAULT_SEED,
          baseTime,
          bucket: spec.bucket,
          region: spec.region,
          ...options.steady,
        })
      : createDataset({
          seed: spec.seed ?? options.seed,
          jobCount: spec.jobCount ?? options.jobCount,
          baseTime,
          bucket: spec.bucket,
          region: spec.region,
        });
    // Jobs created or finished on demand (/__emulator/jobs) lie over the seeded plan.
    const script = new JobScript(seeded, now);
    const dataset = script.dataset;
    return {
      script,
      bucket: dataset.bucket,
      region: dataset.region,
      dataset,
      cache: new JobXmlCache(dataset),
      auth: new Authenticator(accepted, options.skewSeconds ?? DEFAULT_SKEW_SECONDS, now),
      settings,
    };
  });
  const first = buckets[0]!;
  const dataset = first.dataset;
  const faults = new FaultInjector(options.faults);
  const log = new RequestLog(options.logCapacity);
  const handler = createHandler({
    dataset,
    bucketList: buckets,
    buckets,
    faults,
    log,
    cache: first.cache,
    script: first.script,
    now,
    startedAt: Date.now(),
  });

  const server = createServer((req, res) => void handler(req, res));
  // Longer than clients' idle timeouts, so a pooled connection is never closed under a request.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    host,
    bucket: dataset.bucket,
    region: dataset.region,
    dataset,
    buckets: buckets.map((b, i) => ({
      bucket: b.bucket,
      region: b.region,
      dataset: b.dataset,
      credentials: specs[i]!.credentials ?? credentials,
    })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
    setFaults: (settings) => faults.set(settings),
    clearFaults: () => faults.clear(),
    faults: () => faults.config,
    requests: () => log.list(),
    clearRequests: () => log.clear(),
  };
}
