/**
 * P2: what the dashboard's proxy costs. `/api/jobs?tag=Transcode&size=100` through the production
 * server against a direct, signed call of the same query to the emulator it proxies, at 1 and at
 * 20 connections; the two alternate run by run and the ratio of the medians of p50 is reported.
 */
import { sign } from '../server/ci/sign';
import { closedLoop } from './http-load';
import { median, percentile, type BenchContext, type BenchRow } from './lib';

const SECONDS = Number(process.env.BENCH_P2_SECONDS ?? 4);

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
  // Warm both paths (JIT, caches) before measuring.
  await closedLoop(direct, { connections: 4, seconds: 1, headers: { authorization } });
  await closedLoop(proxied, { connections: 4, seconds: 1 });

  // The framework's own floor, in the same run: Next serving a static script of this build (no
  // route handler, no proxy), beside the route and the direct call.
  const html = await (await fetch(`${ctx.appUrl}/jobs`)).text();
  const chunk = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  const floorUrl = chunk ? `${ctx.appUrl}${chunk}` : null;

  const rows: BenchRow[] = [];
  for (const connections of [1, 20]) {
    const d: number[] = [];
    const p: number[] = [];
    const f: number[] = [];
    const rps = { d: [] as number[], p: [] as number[] };
    for (let run = 0; run < ctx.runs; run++) {
      const a = await closedLoop(direct, { connections, seconds: SECONDS, headers: { authorization } });
      const b = await closedLoop(proxied, { connections, seconds: SECONDS });
      if (a.errors || b.errors) throw new Error(`P2: errors (direct ${a.errors}, proxied ${b.errors})`);
      d.push(percentile(a.latenciesMs, 50));
      p.push(percentile(b.latenciesMs, 50));
      if (floorUrl)
        f.push(percentile((await closedLoop(floorUrl, { connections, seconds: SECONDS / 2 })).latenciesMs, 50));
      rps.d.push(a.requests / a.seconds);
      rps.p.push(b.requests / b.seconds);
    }
    rows.push({
      id: connections === 1 ? 'P2a' : 'P2b',
      what: `proxy overhead, ${connections} connection${connections === 1 ? '' : 's'}: /api/jobs vs direct signed emulator call (size=100)`,
      figure:
        `p50 proxied ${median(p).toFixed(2)} ms (${median(rps.p).toFixed(0)}/s) · direct ${median(d).toFixed(2)} ms (${median(rps.d).toFixed(0)}/s)` +
        (f.length ? ` · Next serving a static file ${median(f).toFixed(2)} ms` : ''),
      target: '≤ 1.25× direct p50',
      ratio: median(p) / median(d),
      limit: 1.25,
      unit: '×',
    });
  }
  return rows;
}
