/**
 * The one CI client of this server process. With real credentials it talks to CI; without, it
 * starts the emulator in this process on a loopback port (EMULATOR_PORT, default a free one) and
 * talks to that over HTTP, exactly as it would to CI.
 *
 * Kept on globalThis because Next may load this module more than once (instrumentation and each
 * route bundle); there must still be one emulator and one client.
 */
import 'server-only';
import { CiClient } from './client';
import { type CiConfig, emulatorConfig, readCiConfig } from './config';

interface Backend {
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

export async function getCiClient(): Promise<CiClient> {
  return (await getBackend()).client;
}

async function createBackend(): Promise<Backend> {
  const config = readCiConfig();
  if (config) return { client: new CiClient(config), config, emulatorUrl: null };

  const { startEmulator, DEMO_CREDENTIALS, faultsFromEnv } = await import('../emulator');
  const port = Number(process.env.EMULATOR_PORT ?? 0);
  // EMULATOR_JOBS / EMULATOR_SEED size the demo data set (benchmarks use a large one).
  const jobs = Number(process.env.EMULATOR_JOBS || 0);
  const seed = Number(process.env.EMULATOR_SEED || 0);
  const emulator = await startEmulator({
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 0,
    faults: faultsFromEnv(),
    ...(Number.isInteger(jobs) && jobs > 0 && jobs <= 1_000_000 ? { jobCount: jobs } : {}),
    ...(Number.isInteger(seed) && seed > 0 ? { seed } : {}),
  });
  const emulated = emulatorConfig({
    url: emulator.url,
    secretId: DEMO_CREDENTIALS.secretId,
    secretKey: DEMO_CREDENTIALS.secretKey,
    bucket: emulator.bucket,
    region: emulator.region,
  });
  console.log(`[ci] no CI_SECRET_ID set: running on the built-in CI emulator at ${emulator.url}`);
  return { client: new CiClient(emulated), config: emulated, emulatorUrl: emulator.url };
}
