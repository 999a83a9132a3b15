/**
 * P2′: what /api/jobs costs above Next's own floor. `/api/jobs?tag=Transcode&size=100` through the
 * production server against a route of the same build that answers a constant body of the same
 * size (/api/bench/floor, open only with BENCH_FLOOR_ROUTE=on), at 1 and at 20 connections; the
 * two alternate request by request on every connection and the ratios of the medians of p50 and of p95 are reported, the larger
 * one against the target. A direct, signed call of the same query to the emulator stands beside
 * them for information. (P2′ replaced P2a/P2b, which compared with the emulator alone and so
 * measured Next's request pipeline, ~1–3 ms whatever the route does.)
 */
import { Agent, request } from 'node:http';

import { sign } from '../server/ci/sign';
import { closedLoop } from './http-load';
import { median, percentile, type BenchContext, type BenchRow } from './lib';

const SECONDS = Number(process.env.BENCH_P2_SECONDS ?? 4);

/** What was measured and tried, printed with a row while its target is not met. */
const NOTE =
  'The route’s own work, timed in-process with the page cached: session check 0.2 µs, bucket 1 µs, query rules ' +
  '5 µs, cached page 1 µs, answer (cached bytes, the Response’s copy) 15 µs at p50 — the same answer helper as the ' +
  'constant route. Left, not in the handler: the page’s refresh from CI every CI_CACHE_TTL_MS (2 s: a fetch and a ' +
  'read that hold the event loop) falls only in /api/jobs’s windows, and the machine’s load moves between the ' +
  'alternating windows.';

/**
 * fetch, asked again once if the connection drops: a keep-alive socket the harness left idle past
 * the server's keep-alive timeout (during an earlier part) is closed under the first request.
 */
export async function fetchOnce(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

/**
 * Two URLs asked alternately on each of `connections` keep-alive loops (half of them starting with
 * each), so both see the same machine load at every moment: a load that moves between two
 * separate windows would otherwise count as a difference between the routes.
 */
async function alternating(
  urls: readonly [string, string],
  opts: { connections: number; seconds: number },
): Promise<{ latenciesMs: [number[], number[]]; errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latenciesMs: [number[], number[]] = [[], []];
  let errors = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const once = (which: 0 | 1) =>
    new Promise<void>((resolve) => {
      const target = new URL(urls[which]);
      const started = performance.now();
      const req = request(
        { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, agent },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            if (res.statusCode === 200) latenciesMs[which].push(performance.now() - started);
            else errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const loop = async (i: number) => {
    for (let n = i; performance.now() < deadline; n++) await once((n % 2) as 0 | 1);
  };
  await Promise.all(Array.from({ length: opts.connections }, (_, i) => loop(i)));
  agent.destroy();
  return { latenciesMs, errors };
}

export async function runProxyBench(ctx: BenchContext): Promise<BenchRow[]> {
  const query: [string, string][] = [
    ['tag', 'Transcode'],
    ['size', '100'],
  ];
  const emu = new URL(ctx.emulatorUrl);
  const now = Math.floor(Date.now() / 1000);
  const { authorization } = sign({
    method: 'GET',
    path: '/jobs',
    query,
    headers: { host: emu.host },
    secretId: ctx.secretId,
    secretKey: ctx.secretKey,
    startTime: now - 1,
    endTime: now + 3600,
  });
  const direct = `${ctx.emulatorUrl}/jobs?tag=Transcode&size=100`;
  const proxied = `${ctx.appUrl}/api/jobs?tag=Transcode&size=100`;
  const bytes = (await (await fetchOnce(proxied)).arrayBuffer()).byteLength;
  const floor = `${ctx.appUrl}/api/bench/floor?bytes=${bytes}`;
  const check = await fetchOnce(floor);
  if (check.status !== 200 || (await check.arrayBuffer()).byteLength !== bytes)
    throw new Error(`P2: the floor route answered ${check.status}; is the app started with BENCH_FLOOR_ROUTE=on?`);
  // Warm every path (JIT, caches) before measuring.
  await closedLoop(direct, { connections: 4, seconds: 1, headers: { authorization } });
  await closedLoop(proxied, { connections: 4, seconds: 1 });
  await closedLoop(floor, { connections: 4, seconds: 1 });

  const rows: BenchRow[] = [];
  for (const connections of [1, 20]) {
    const p50 = { api: [] as number[], floor: [] as number[], direct: [] as number[] };
    const p95 = { api: [] as number[], floor: [] as number[] };
    for (let run = 0; run < ctx.runs; run++) {
      const both = await alternating([proxied, floor], { connections, seconds: SECONDS * 2 });
      const [a, f] = both.latenciesMs;
      const d = await closedLoop(direct, { connections, seconds: SECONDS / 2, headers: { authorization } });
      if (both.errors || d.errors) throw new Error(`P2: errors (api and floor ${both.errors}, direct ${d.errors})`);
      p50.api.push(percentile(a, 50));
      p50.floor.push(percentile(f, 50));
      p50.direct.push(percentile(d.latenciesMs, 50));
      p95.api.push(percentile(a, 95));
      p95.floor.push(percentile(f, 95));
    }
    const r50 = median(p50.api) / median(p50.floor);
    const r95 = median(p95.api) / median(p95.floor);
    rows.push({
      id: connections === 1 ? 'P2a' : 'P2b',
      what: `P2′ (replaces P2a/P2b) /api/jobs over Next's floor, ${connections} connection${connections === 1 ? '' : 's'}: vs a constant route of the same build and size (${Math.round(bytes / 1024)} KiB, size=100)`,
      figure:
        `/api/jobs p50 ${median(p50.api).toFixed(2)} ms, p95 ${median(p95.api).toFixed(2)} ms · constant route p50 ${median(p50.floor).toFixed(2)} ms, p95 ${median(p95.floor).toFixed(2)} ms` +
        ` (ratios ${r50.toFixed(2)}, ${r95.toFixed(2)}) · direct emulator p50 ${median(p50.direct).toFixed(2)} ms, for information` +
        (Math.max(r50, r95) > 1.25 ? ` · ${NOTE}` : ''),
      target: '≤ 1.25× the constant route, p50 and p95',
      ratio: Math.max(r50, r95),
      limit: 1.25,
      unit: '×',
    });
  }
  return rows;
}
