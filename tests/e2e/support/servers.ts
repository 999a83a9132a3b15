/**
 * Servers a spec starts for itself (beside the one playwright.config.ts starts): each on a free
 * loopback port, awaited until it answers, stopped by its own process id, its output captured.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Started {
  url: string;
  pid: number;
  log: () => string;
  stop: () => Promise<void>;
}

function track(child: ChildProcess) {
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  return { log: () => output, stop };
}

export async function startEmulatorProcess(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.ts', '--port', '0'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t = track(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${t.log()}`)), 30_000);
    child.stdout.on('data', () => {
      const m = /listening on (http:\/\/\S+)/.exec(t.log());
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
  });
  return { url, pid: child.pid ?? 0, ...t };
}

/** The production build (already built by npm run test:e2e), on its own port. */
export async function startAppProcess(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    // The job index off unless a spec turns it on: its sync would take the emulator faults a spec sets up.
    env: { ...process.env, INDEX: 'off', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const t = track(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/login`, { redirect: 'manual' });
      if (res.status > 0) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      await t.stop();
      throw new Error(`app did not start:\n${t.log()}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  // With login on, views and sign-outs live in the store, which opens in the background (a new
  // embedded store takes seconds and stalls the server meanwhile): the spec starts once it is open.
  if (env.DASHBOARD_USERS) {
    const storeDeadline = Date.now() + 120_000;
    while (!/\[store\] .* open in/.test(t.log())) {
      if (Date.now() > storeDeadline || child.exitCode !== null) {
        await t.stop();
        throw new Error(`the app's store did not open:\n${t.log()}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  return { url, pid: child.pid ?? 0, ...t };
}

/**
 * A DASHBOARD_USERS hash of `password`, made by the README's own command (npm run hash-password:
 * tsx with the react-server condition, as server/ code is server-only).
 */
export function passwordHash(password: string): string {
  const run = spawnSync('npm', ['run', '--silent', 'hash-password'], { input: password, encoding: 'utf8' });
  const hash = run.stdout.trim();
  if (run.status !== 0 || !hash.startsWith('scrypt$')) throw new Error(`hash-password failed: ${run.stderr}`);
  return hash;
}

/**
 * A server with the job index on, over one small demo bucket (2,000 jobs) synced fast, on the
 * emulator whatever the shell configures: the index specs start it with their own data directory.
 */
export const INDEXED_APP_ENV = {
  INDEX: 'on',
  INDEX_POLL_MS: '1000',
  INDEX_CI_QPS: '200',
  EMULATOR_JOBS: '2000',
  EMULATOR_BUCKETS: 'demo-1250000000@ap-guangzhou',
  EMULATOR_PORT: '',
  CI_SECRET_ID: '',
  CI_SECRET_KEY: '',
  CI_BUCKETS: '',
  DASHBOARD_AUTH: 'none',
};

/**
 * Writes `jobs` finished jobs straight into the embedded store under `dataDir` (support/fill-index.ts,
 * through the index's write path) and marks every tag backfilled, before a server with the index on
 * starts there: large indexes in seconds rather than a slow backfill through CI.
 */
export function fillIndexStore(dataDir: string, bucket: string, jobs: number): void {
  const run = spawnSync(
    process.execPath,
    [
      'node_modules/tsx/dist/cli.mjs',
      '--conditions=react-server',
      'tests/e2e/support/fill-index.ts',
      `${dataDir}/pglite`,
      bucket,
      String(jobs),
    ],
    { encoding: 'utf8', timeout: 600_000 },
  );
  if (run.status !== 0) throw new Error(`filling the index failed: ${run.stderr || run.stdout}`);
}
