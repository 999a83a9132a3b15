/**
 * `npm run cluster -- --replicas 3`: the CI emulator and N replicas of the production build on one
 * PostgreSQL (scripts/lib/cluster.ts), their URLs printed; Ctrl-C stops them all.
 *
 *   --replicas N   how many replicas (default 3)
 *   --jobs N       jobs in the emulator's demo bucket (default 2000)
 *   --build        run `next build` first (done anyway when there is no build yet)
 *
 * DATABASE_URL names the PostgreSQL database (default the local server's socket,
 * postgres://root@/ci_dashboard?host=/var/run/postgresql); it is created when missing.
 * DASHBOARD_SESSION_SECRET is shared by every replica; made for this run when unset (sessions then
 * end with the run). Any other variable in the shell (DASHBOARD_USERS, INDEX, CI_CACHE_TTL_MS…)
 * reaches every replica.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { DEFAULT_DATABASE_URL, hasBuild, ROOT, startCluster } from './lib/cluster';

function usage(message: string): never {
  console.error(`cluster: ${message}\nusage: npm run cluster -- [--replicas N] [--jobs N] [--build]`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]) {
  const out = { replicas: 3, jobs: 2000, build: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? (arg.split(/=(.*)/s, 2) as [string, string]) : [arg, undefined];
    const int = (min: number, max: number) => {
      const text = inline ?? argv[++i] ?? usage(`${flag} needs a value`);
      const n = Number(text);
      if (!/^\d+$/.test(text) || n < min || n > max) usage(`${flag} must be an integer between ${min} and ${max}`);
      return n;
    };
    if (flag === '--replicas') out.replicas = int(1, 16);
    else if (flag === '--jobs') out.jobs = int(1, 1_000_000);
    else if (flag === '--build') out.build = true;
    else usage(flag === '--help' || flag === '-h' ? 'help' : `unknown argument "${arg}"`);
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build || !hasBuild()) {
    console.log(args.build ? '[cluster] building…' : '[cluster] no production build yet: building…');
    const build = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'build'], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (build.status !== 0) process.exit(build.status ?? 1);
  } else {
    console.log('[cluster] serving the existing build (.next); pass --build after changing the sources');
  }
  const databaseUrl = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const generated = !process.env.DASHBOARD_SESSION_SECRET?.trim();
  console.log(`[cluster] starting the emulator and ${args.replicas} replica(s)…`);
  const cluster = await startCluster({
    replicas: args.replicas,
    databaseUrl,
    emulatorJobs: args.jobs,
    onOutput: (i, line) => console.log(`[replica ${i + 1}] ${line}`),
  });
  console.log(
    [
      '',
      `CI emulator: ${cluster.emulatorUrl}  (request log: ${cluster.emulatorUrl}/__emulator/requests)`,
      // The database name only: the URL may hold a password.
      `PostgreSQL:  database "${/\/([^/?]+)(\?|$)/.exec(databaseUrl)?.[1] ?? '?'}" (DATABASE_URL)`,
      `Session secret: ${generated ? 'made for this run' : 'DASHBOARD_SESSION_SECRET'}`,
      ...cluster.urls.map(
        (url, i) => `Replica ${i + 1}: ${url}   (pid ${cluster.pids()[i]}, health ${url}/api/health)`,
      ),
      '',
      'Ctrl-C stops them all.',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the replicas and the emulator`);
    cluster.stop().then(
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
  console.error(`cluster: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
