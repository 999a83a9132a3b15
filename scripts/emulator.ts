/**
 * `npm run emulator` — runs the CI emulator on its own, for pointing a dashboard (or curl, or an
 * SDK) at it.
 *
 *   --port N   listen port (default 9100; 0 = any free port)
 *   --host H   listen address (default 127.0.0.1; the demo key pair is public, so think twice)
 *   --jobs N   size of the data set (default 5000)
 *   --seed N   data-set seed (default 20261125)
 *
 * Credentials: CI_SECRET_ID + CI_SECRET_KEY from the environment if both are set (the key is never
 * printed), else the published demo pair, which is printed. Fault injection: EMULATOR_* variables
 * (see emulator/faults.ts) or PUT /__emulator/faults at run time.
 *
 * EMULATOR_BUCKETS=<name>-<appid>@<region>,… serves several buckets, told apart by the Host header
 * as CI does (seeds --seed, --seed+1, …; all accept the one key pair): point the dashboard at it
 * with CI_BUCKETS and CI_ENDPOINT.
 */
import {
  DEFAULT_JOB_COUNT,
  DEFAULT_SEED,
  DEMO_CREDENTIALS,
  EmulatorSettingError,
  faultsFromEnv,
  settingsFromEnv,
  startEmulator,
  steadyFromEnv,
  type Credential,
} from '../emulator';
import { parseBucketList } from '../server/ci/bucket-list';
import { ConfigError } from '../server/config/env';

function usage(message: string): never {
  console.error(`emulator: ${message}\nusage: npm run emulator -- [--port N] [--host H] [--jobs N] [--seed N]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]) {
  const out = { port: 9100, host: '127.0.0.1', jobs: DEFAULT_JOB_COUNT, seed: DEFAULT_SEED };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? usage(`${flag} needs a value`);
    const int = (min: number, max: number) => {
      const text = value();
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < min || n > max)
        usage(`${flag} must be an integer between ${min} and ${max}, got "${text}"`);
      return n;
    };
    switch (flag) {
      case '--port':
        out.port = int(0, 65535);
        break;
      case '--host':
        out.host = value();
        break;
      case '--jobs':
        out.jobs = int(1, 1_000_000);
        break;
      case '--seed':
        out.seed = int(0, 2 ** 32 - 1);
        break;
      case '--help':
      case '-h':
        usage('help');
        break;
      default:
        usage(`unknown argument "${arg}"`);
    }
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const envId = process.env.CI_SECRET_ID?.trim();
  const envKey = process.env.CI_SECRET_KEY?.trim();
  if (Boolean(envId) !== Boolean(envKey))
    usage('set both CI_SECRET_ID and CI_SECRET_KEY, or neither (to use the demo pair)');
  const credential: Credential = envId && envKey ? { secretId: envId, secretKey: envKey } : DEMO_CREDENTIALS;
  const fromEnv = Boolean(envId && envKey);

  let buckets;
  try {
    const list = process.env.EMULATOR_BUCKETS?.trim();
    buckets = list
      ? parseBucketList('EMULATOR_BUCKETS', list, { profiles: false }).map((b, i) => ({ ...b, seed: args.seed + i }))
      : undefined;
  } catch (error) {
    if (error instanceof ConfigError) usage(error.message);
    throw error;
  }

  const faults = faultsFromEnv();
  let steady, settings;
  try {
    steady = steadyFromEnv();
    settings = settingsFromEnv(process.env, Boolean(steady));
  } catch (error) {
    if (error instanceof EmulatorSettingError) usage(error.message);
    throw error;
  }
  const started = performance.now();
  const emulator = await startEmulator({
    port: args.port,
    host: args.host,
    jobCount: args.jobs,
    seed: args.seed,
    credentials: [credential],
    faults,
    settings,
    ...(steady ? { steady } : {}),
    ...(buckets ? { buckets } : {}),
  });

  const lines = [
    `CI emulator listening on ${emulator.url}  (${emulator.dataset.jobCount} jobs${steady ? ` at ${steady.jobsPerHour}/h over ${steady.days} days` : ''}, seed ${args.seed}, paging ${settings.paging}, ready in ${Math.round(performance.now() - started)} ms)`,
    '',
    'Point the dashboard at it with:',
    `  CI_ENDPOINT=${emulator.url}`,
    `  CI_SECRET_ID=${credential.secretId}`,
    fromEnv
      ? '  CI_SECRET_KEY=<the CI_SECRET_KEY you started the emulator with>'
      : `  CI_SECRET_KEY=${DEMO_CREDENTIALS.secretKey}   (published demo key)`,
    ...(buckets
      ? [`  CI_BUCKETS=${emulator.buckets.map((b) => `${b.bucket}@${b.region}`).join(',')}`]
      : [`  CI_BUCKET=${emulator.bucket}`, `  CI_REGION=${emulator.region}`]),
    '',
    `Controls: ${emulator.url}/__emulator/faults | /__emulator/requests | /__emulator/stats`,
    faults
      ? `Faults from environment: ${JSON.stringify(faults)}`
      : 'Faults: none (set EMULATOR_* or PUT /__emulator/faults)',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the emulator`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
