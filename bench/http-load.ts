/**
 * A small closed-loop load generator with microsecond latencies (autocannon's histograms count
 * whole milliseconds, too coarse for a sub-millisecond direct call): `connections` keep-alive
 * loops, each sending its next request when the last one has been read.
 */
import { Agent, request } from 'node:http';

export interface LoadResult {
  latenciesMs: number[];
  requests: number;
  errors: number;
  seconds: number;
}

export async function closedLoop(
  url: string,
  opts: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: opts.connections });
  const latenciesMs: number[] = [];
  let errors = 0;
  const deadline = performance.now() + opts.seconds * 1000;
  const once = () =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: `${target.pathname}${target.search}`,
          agent,
          headers: opts.headers,
        },
        (res) => {
          res.on('data', () => undefined);
          res.on('end', () => {
            if (res.statusCode === 200) latenciesMs.push(performance.now() - started);
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
  const loop = async () => {
    while (performance.now() < deadline) await once();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: opts.connections }, loop));
  agent.destroy();
  return { latenciesMs, requests: latenciesMs.length + errors, errors, seconds: (performance.now() - started) / 1000 };
}
