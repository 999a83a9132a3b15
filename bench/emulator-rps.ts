/**
 * Emulator throughput: signed `GET /jobs?tag=Transcode&size=10` and `size=100` from a few
 * concurrent keep-alive loops for ~5 s each, against an emulator in its own process (so client
 * and server do not share an event loop). Also prints the size of a 100-job Transcode page whose
 * jobs all carry full MediaInfo, and the server's CPU time per request (Linux /proc).
 *
 *   npx tsx bench/emulator-rps.ts [--seconds 5] [--concurrency 8]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

import { DEMO_CREDENTIALS } from '../emulator';
import { ciEncode, sign } from '../server/ci/sign';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 5);
const CONCURRENCY = arg('concurrency', 8);

function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/emulator.ts', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, CI_SECRET_ID: '', CI_SECRET_KEY: '' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m?.[1] && child.pid) resolve({ url: m[1], pid: child.pid, stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
  });
}

function cpuSeconds(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100 Hz)
  } catch {
    return null;
  }
}

function signedPath(base: string, params: Record<string, string>) {
  const url = new URL(base);
  const now = Math.floor(Date.now() / 1000);
  const { authorization } = sign({
    method: 'GET',
    path: '/jobs',
    query: params,
    headers: { host: url.host },
    ...DEMO_CREDENTIALS,
    startTime: now - 1,
    endTime: now + 900,
  });
  const query = Object.entries(params)
    .map(([k, v]) => `${ciEncode(k)}=${ciEncode(v)}`)
    .join('&');
  return { path: `/jobs?${query}`, authorization, host: url.hostname, port: Number(url.port) };
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(target: ReturnType<typeof signedPath>): Promise<{ status: number; bytes: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        agent,
        headers: { authorization: target.authorization },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function run(base: string, pid: number, params: Record<string, string>) {
  // The signature is valid for 900 s, so one signed request is replayed: this measures the server.
  const target = signedPath(base, params);
  for (let i = 0; i < 50; i++) await get(target); // warm the XML cache and the JIT
  const cpu0 = cpuSeconds(pid);
  const end = performance.now() + SECONDS * 1000;
  let count = 0;
  let bytes = 0;
  let errors = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const r = await get(target);
        if (r.status === 200) count++;
        else errors++;
        bytes += r.bytes;
      }
    }),
  );
  const cpu1 = cpuSeconds(pid);
  const cpu = cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null;
  return {
    rps: Math.round(count / SECONDS),
    avgBytes: Math.round(bytes / Math.max(1, count + errors)),
    errors,
    serverCpuPerReqUs: cpu ? Math.round((cpu / count) * 1e6) : null,
    serverCpuSeconds: cpu,
  };
}

const server = await startServer();
try {
  const richPage = await get(signedPath(server.url, { tag: 'Transcode', states: 'Success', size: '100' }));
  console.log(
    `100-job Transcode page (states=Success, full MediaInfo): ${richPage.bytes} bytes (${(richPage.bytes / 1024).toFixed(1)} KiB)`,
  );
  for (const size of ['10', '100']) {
    const r = await run(server.url, server.pid, { tag: 'Transcode', size });
    console.log(
      `GET /jobs?tag=Transcode&size=${size}: ${r.rps} req/s over ${SECONDS}s, ${CONCURRENCY} keep-alive loops, ${r.avgBytes} B/response, ` +
        `${r.errors} errors` +
        (r.serverCpuPerReqUs !== null
          ? `, server CPU ${r.serverCpuPerReqUs} µs/request (≈ ${Math.round(1e6 / r.serverCpuPerReqUs)} req/s per core)`
          : ''),
    );
  }
} finally {
  agent.destroy();
  server.stop();
}
