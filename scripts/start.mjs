#!/usr/bin/env node
/**
 * `npm start`: builds when there is no build or the sources are newer than it, then serves the
 * production build on PORT (default 3000). With no CI credentials the server starts the built-in
 * emulator itself (instrumentation.ts), so this one command gives a living dashboard.
 * `npm run dev` uses the same path with `next dev`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const mode = process.argv[2] === 'dev' ? 'dev' : 'start';
const port = process.env.PORT || '3000';
const KEEP_ALIVE_MS = 65_000;
const host = process.env.HOST || undefined;

const SOURCES = [
  'app',
  'components',
  'features',
  'lib',
  'server',
  'emulator',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'instrumentation-node.ts',
  'next.config.js',
  'package.json',
  'tailwind.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
];

function newestSourceMtime() {
  let newest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of SOURCES) visit(join(root, s));
  return newest;
}

if (mode === 'start') {
  const buildId = join(root, '.next', 'BUILD_ID');
  const stale = !existsSync(buildId) || statSync(buildId).mtimeMs < newestSourceMtime();
  if (stale) {
    console.log(
      existsSync(buildId)
        ? '[start] sources changed since the last build: building…'
        : '[start] no build yet: building…',
    );
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit', env: process.env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
}

// The peer address hook first (scripts/peer-address.mjs): the rate limits need the socket's address.
const peerHook = pathToFileURL(join(root, 'scripts', 'peer-address.mjs')).href;
const args = ['--import', peerHook, nextBin, mode, '-p', port];
if (host) args.push('-H', host);
// Idle keep-alive connections stay open longer than Node's 5 s default: a client that reuses one
// every 5 s (the list's live refresh, a proxy's upstream pool) otherwise races the server closing
// it and gets a reset (bench P9: 29 ECONNRESET in 3 minutes of 100 viewers). 65 s outlasts the
// usual proxy idle timeouts (nginx upstream 60 s, cloud load balancers 60 s), so the proxy closes first.
if (mode === 'start') args.push('--keepAliveTimeout', String(KEEP_ALIVE_MS));
// The server's own handlers (instrumentation-node.ts) close the job index's store on SIGTERM/SIGINT
// before it exits; Next's would exit without waiting for them.
const child = spawn(process.execPath, args, {
  cwd: root,
  stdio: 'inherit',
  env: { NEXT_MANUAL_SIG_HANDLE: 'true', ...process.env },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
