/**
 * Several dashboard replicas on one PostgreSQL, with one CI emulator in front of them all: the
 * library behind `npm run cluster` (scripts/cluster.ts) and the replica tests (tests/support/cluster.ts).
 *
 * Each replica is the production build (`next start`, with the peer-address hook scripts/start.mjs
 * loads) on a free loopback port, with its own DASHBOARD_DATA_DIR — so whatever they share, they
 * share through the database, never through a disk — and the same DATABASE_URL and
 * DASHBOARD_SESSION_SECRET. All of them read the one emulator (CI_ENDPOINT), whose request log
 * therefore counts every CI call the cluster makes. Each replica is stopped by its own pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { DEMO_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
const PEER_HOOK = path.join(ROOT, 'scripts', 'peer-address.mjs');

/** The local PostgreSQL server's socket, as Debian installs it. */
export const DEFAULT_DATABASE_URL = 'postgres://root@/ci_dashboard?host=/var/run/postgresql';

export interface ClusterOptions {
  replicas: number;
  /** postgres://…/<database>; the database is created when missing. Default DEFAULT_DATABASE_URL. */
  databaseUrl?: string;
  /** Extra environment for every replica (DASHBOARD_USERS, INDEX, CI_CACHE_TTL_MS…). */
  env?: Record<string, string>;
  /** Jobs in the emulator's demo bucket (default 2,000: quick to generate, enough to page). */
  emulatorJobs?: number;
  /** Each replica's output line by line (default: kept, readable through `log(i)`). */
  onOutput?: (replica: number, line: string) => void;
}

export interface Cluster {
  /** Base URL of each replica, in order. */
  urls: string[];
  emulatorUrl: string;
  emulator: Emulator;
  databaseUrl: string;
  /** The DASHBOARD_SESSION_SECRET every replica shares (made for this run unless given). */
  sessionSecret: string;
  pids(): number[];
  log(i: number): string;
  /** Stops every replica (SIGTERM, then SIGKILL after 5 s) and the emulator. */
  stop(): Promise<void>;
  /** Kills replica i at once (SIGKILL): a crash, not a shutdown. */
  kill(i: number): Promise<void>;
  /** Starts replica i again on its port, and waits until it answers. */
  restart(i: number): Promise<void>;
}

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

/** The URL with another database name (not `new URL`: a socket URL has no host to parse). */
export function withDatabase(url: string, name: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${name}`);
}

export function databaseOf(url: string): string {
  return /^postgres(?:ql)?:\/\/[^/?]*\/([^?]+)/.exec(url)?.[1] ?? 'postgres';
}

/** Creates the URL's database when it does not exist (connecting to `postgres` on the same server). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseOf(url);
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: "${name}"`);
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    await client.query(`drop database if exists "${databaseOf(url)}" with (force)`);
  } finally {
    await client.end();
  }
}

/** Whether `next build` has been run (the replicas serve the production build; they never build). */
export function hasBuild(): boolean {
  return existsSync(path.join(ROOT, '.next', 'BUILD_ID'));
}

interface Replica {
  port: number;
  dataDir: string;
  child: ChildProcess | null;
  output: string;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!Number.isInteger(options.replicas) || options.replicas < 1) throw new Error('replicas must be at least 1');
  if (!hasBuild()) throw new Error('no production build: run `npm run build` first (the replicas serve .next)');
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL?.trim() ?? DEFAULT_DATABASE_URL;
  await ensureDatabase(databaseUrl);
  const sessionSecret =
    options.env?.DASHBOARD_SESSION_SECRET ??
    (process.env.DASHBOARD_SESSION_SECRET?.trim() || randomBytes(32).toString('hex'));

  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', jobCount: options.emulatorJobs ?? 2000 });
  const login = options.env?.DASHBOARD_USERS ?? process.env.DASHBOARD_USERS;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Every replica reads the one emulator, whatever the shell configures.
    CI_ENDPOINT: emulator.url,
    CI_SECRET_ID: DEMO_CREDENTIALS.secretId,
    CI_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    CI_SESSION_TOKEN: '',
    CI_BUCKET: emulator.bucket,
    CI_REGION: emulator.region,
    CI_BUCKETS: '',
    // The emulator's demo key is public: no login unless the caller sets users.
    ...(login ? {} : { DASHBOARD_AUTH: 'none' }),
    ...options.env,
    DATABASE_URL: databaseUrl,
    DASHBOARD_SESSION_SECRET: sessionSecret,
  };

  const replicas: Replica[] = [];
  for (let i = 0; i < options.replicas; i++) {
    let port = await freePort();
    while (port === emulator.port || replicas.some((r) => r.port === port)) port = await freePort();
    replicas.push({ port, dataDir: mkdtempSync(path.join(tmpdir(), `replica-${i}-`)), child: null, output: '' });
  }

  const launch = (i: number) => {
    const r = replicas[i]!;
    r.output = '';
    const child = spawn(
      process.execPath,
      ['--import', PEER_HOOK, NEXT_BIN, 'start', '-p', String(r.port), '-H', '127.0.0.1'],
      {
        cwd: ROOT,
        env: { ...env, DASHBOARD_DATA_DIR: r.dataDir },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    r.child = child;
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = chunk.toString();
      r.output += text;
      if (r.output.length > 200_000) r.output = r.output.slice(-100_000);
      if (!options.onOutput) return;
      partial += text;
      const lines = partial.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) options.onOutput(i, line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
  };

  const urlOf = (i: number) => `http://127.0.0.1:${replicas[i]!.port}`;

  const waitUp = async (i: number) => {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const child = replicas[i]!.child;
      try {
        const res = await fetch(`${urlOf(i)}/api/health`);
        if (res.status > 0) return;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || !child || child.exitCode !== null) {
        throw new Error(`replica ${i + 1} did not start:\n${replicas[i]!.output.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  const stopReplica = (i: number, signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const child = replicas[i]!.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      // By its own pid, never by name: other servers run on this machine.
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(replicas.map((_, i) => stopReplica(i, 'SIGTERM')));
    await emulator.close();
    for (const r of replicas) rmSync(r.dataDir, { recursive: true, force: true });
  };

  try {
    replicas.forEach((_, i) => launch(i));
    await Promise.all(replicas.map((_, i) => waitUp(i)));
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    urls: replicas.map((_, i) => urlOf(i)),
    emulatorUrl: emulator.url,
    emulator,
    databaseUrl,
    sessionSecret,
    pids: () => replicas.map((r) => r.child?.pid ?? 0),
    log: (i) => replicas[i]?.output ?? '',
    stop,
    kill: (i) => stopReplica(i, 'SIGKILL'),
    async restart(i) {
      await stopReplica(i, 'SIGTERM');
      launch(i);
      await waitUp(i);
    },
  };
}
