/**
 * P9: the production server's memory while 100 viewers keep the job list on live refresh, with
 * 1,000,000 jobs in its embedded store: RSS at the 10th and at the last minute (30 by default,
 * BENCH_P9_MINUTES for a shorter try), no growth between them (≤ 1.05×).
 *
 * The store is a copy of P6's (bench/out/index-p6-pglite, filled by P6 when missing), its sync
 * marked done up to now so the server follows new jobs only (a 30-day backfill against the
 * emulator would be a different load). The server's own emulator runs the steady-rate set (one day
 * at P6's rate) and keeps creating jobs, so the index writes and the event streams carry news.
 *
 * Each viewer does what the list page does (features/jobs): it holds GET /api/events for its tag
 * (features/jobs/use-job-events.ts), refetches the list when an event names changed jobs
 * (coalesced as the page does), and refetches /api/jobs every 5 s (live refresh). The server caps
 * event streams per client address (server/events/route.ts), so each viewer connects from its own
 * loopback address (127.0.1.x), as 100 browsers would. RSS is read from /proc/<pid>/status of the
 * server process (the largest process under the one started).
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';

import { TAG_CODES } from '../lib/ci/tags';
import { openStore } from '../server/index/store';
import { startAppProcess } from '../tests/e2e/support/servers';
import type { BenchRow } from './lib';

const VIEWERS = 100;
const INTERVAL_MS = 5000;
/** features/jobs/use-job-events.ts: events close together cost one refetch. */
const COALESCE_MS = 300;
const BUCKET = 'demo-1250000000';
const LIST = '/api/jobs?tag=Transcode&size=20&orderByTime=Desc';
const EVENTS = '/api/events?tag=Transcode';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** KiB of resident memory of a process, or null when it is gone. */
function rssKiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The process under `root` (itself included) with the most resident memory: the Next server. */
function serverPid(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const walk = (pid: number) => {
    tree.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return tree.reduce((best, pid) => ((rssKiB(pid) ?? 0) > (rssKiB(best) ?? 0) ? pid : best), root);
}

interface Counts {
  lists: number;
  failed: number;
  events: number;
  streams: number;
  /** Each refusal or failure by what it was: "/api/jobs 504 RequestTimeout", "/api/events ECONNRESET", … */
  why: Map<string, number>;
}

/** Notes one refusal or failure under its kind (the path, then the status and error code, or the socket error). */
function failure(counts: Counts, path: string, kind: string): void {
  counts.failed++;
  const key = `${path} ${kind}`;
  counts.why.set(key, (counts.why.get(key) ?? 0) + 1);
}

/** A non-200 answer's kind: its status and the error code of its JSON body (server/api/responses.ts). */
function refusal(res: http.IncomingMessage, body: string): string {
  try {
    const code = (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
    return typeof code === 'string' ? `${res.statusCode} ${code}` : String(res.statusCode);
  } catch {
    return String(res.statusCode);
  }
}

const socketError = (error: unknown) =>
  (error as { code?: string }).code ?? (error instanceof Error ? error.message.slice(0, 40) : 'error');

/** The breakdown for the row: the kinds, most frequent first. */
export function failureKinds(why: ReadonlyMap<string, number>): string {
  return [...why]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} × ${kind}`)
    .join(', ');
}

/** One viewer from its own loopback address, until `until`. */
async function viewer(base: URL, address: string, until: number, counts: Counts): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, localAddress: address });
  const get = (pathname: string) =>
    new Promise<void>((resolve) => {
      const path = new URL(pathname, base).pathname;
      const req = http.get(new URL(pathname, base), { agent }, (res) => {
        let body = '';
        if (res.statusCode === 200) {
          counts.lists++;
          res.resume();
        } else {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk.slice(0, 2000 - body.length)));
        }
        res.on('end', () => {
          if (res.statusCode !== 200) failure(counts, path, refusal(res, body));
          resolve();
        });
        res.on('error', (error) => {
          failure(counts, path, `${res.statusCode} then ${socketError(error)}`);
          resolve();
        });
      });
      req.on('error', (error) => {
        failure(counts, path, socketError(error));
        resolve();
      });
    });
  let pending: ReturnType<typeof setTimeout> | null = null;
  const held: { stream: http.ClientRequest | null } = { stream: null };
  let lastId: string | null = null;
  const open = () => {
    if (Date.now() >= until) return;
    const stream = (held.stream = http.get(
      new URL(EVENTS, base),
      { agent: false, localAddress: address, headers: lastId ? { 'last-event-id': lastId } : {} },
      (res) => {
        if (res.statusCode !== 200) {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk.slice(0, 2000 - body.length)));
          res.on('end', () => failure(counts, '/api/events', refusal(res, body)));
          setTimeout(open, 30_000); // a refused stream: tried again later, as the page does
          return;
        }
        counts.streams++;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const id = /^id: (.*)$/m.exec(message)?.[1];
            if (id) lastId = id;
            if (/^event: (jobs|reset)$/m.test(message)) {
              counts.events++;
              pending ??= setTimeout(() => {
                pending = null;
                void get(LIST);
              }, COALESCE_MS);
            }
          }
        });
        res.on('end', () => setTimeout(open, 3000)); // EventSource reconnects after `retry`
        res.on('error', () => undefined);
      },
    ));
    stream.on('error', (error) => {
      // A stream closed by this viewer at the end is not a failure.
      if (Date.now() < until) failure(counts, '/api/events', socketError(error));
      setTimeout(open, 3000);
    });
  };
  await sleep(Math.random() * INTERVAL_MS);
  open();
  while (Date.now() < until) {
    await get(LIST);
    await sleep(INTERVAL_MS);
  }
  if (pending) clearTimeout(pending);
  held.stream?.destroy();
  agent.destroy();
}

/** A copy of P6's store, with every tag's sync marked done up to now (follow new jobs only). */
async function storeCopy(source: string, dataDir: string): Promise<number> {
  cpSync(source, path.join(dataDir, 'pglite'), { recursive: true });
  const store = await openStore({ databaseUrl: null, pgliteDir: path.join(dataDir, 'pglite') });
  try {
    const now = Date.now();
    await sql`delete from sync_tag`.execute(store.db);
    await store.db
      .insertInto('sync_tag')
      .values(
        TAG_CODES.map((tag) => ({
          bucket: BUCKET,
          tag,
          backfill_from_ms: now - 30 * 86_400_000,
          backfill_at_ms: now,
          backfill_until_ms: now,
          backfill_done: true,
          follow_ms: now,
          followed_at_ms: now,
        })),
      )
      .execute();
    const row = await store.db
      .selectFrom('rollup_day')
      .select((eb) => eb.fn.sum<number>('jobs').as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  } finally {
    await store.close();
  }
}

export async function runMemoryBench({ minutes }: { minutes: number }): Promise<BenchRow[]> {
  const source = path.join(import.meta.dirname, 'out', 'index-p6-pglite');
  if (!existsSync(source)) throw new Error('P9: run P6 first (BENCH_P6_STORE=pglite): it fills the million-job store');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-p9-'));
  try {
    console.log('P9: copying the million-job store…');
    const jobs = await storeCopy(source, dataDir);
    const app = await startAppProcess({
      INDEX: 'on',
      INDEX_POLL_MS: String(INTERVAL_MS),
      DASHBOARD_DATA_DIR: dataDir,
      EMULATOR_JOBS_PER_HOUR: '1389',
      EMULATOR_DAYS: '1',
      EMULATOR_BUCKETS: `${BUCKET}@ap-guangzhou`,
      CI_SECRET_ID: '',
      CI_SECRET_KEY: '',
      CI_BUCKETS: '',
      DASHBOARD_AUTH: 'none',
      DASHBOARD_RATE_LIMIT: '0',
    });
    try {
      const base = new URL(app.url);
      // The store opens in the background: the first list answer from the index means it is up.
      const deadline = Date.now() + 300_000;
      for (;;) {
        const health = (await fetch(`${app.url}/api/health`)
          .then((r) => r.json())
          .catch(() => ({}))) as { index?: { state?: string; jobs?: number } };
        if (health.index?.state === 'live') break;
        if (Date.now() > deadline) throw new Error(`P9: the index did not go live (${JSON.stringify(health.index)})`);
        await sleep(2000);
      }
      const pid = serverPid(app.pid);
      const started = Date.now();
      const until = started + minutes * 60_000;
      const counts: Counts = { lists: 0, failed: 0, events: 0, streams: 0, why: new Map() };
      const samples: { minute: number; kib: number }[] = [];
      const sampler = setInterval(() => {
        const kib = rssKiB(pid);
        if (kib !== null) samples.push({ minute: (Date.now() - started) / 60_000, kib });
      }, 10_000);
      console.log(
        `P9: ${VIEWERS} viewers for ${minutes} min on the server (pid ${pid}), ${jobs.toLocaleString('en')} jobs`,
      );
      const progress = setInterval(() => {
        const last = samples[samples.length - 1];
        if (last) console.log(`P9: minute ${last.minute.toFixed(1)}: RSS ${(last.kib / 1024).toFixed(0)} MiB`);
      }, 60_000);
      try {
        await Promise.all(Array.from({ length: VIEWERS }, (_, i) => viewer(base, `127.0.1.${i + 1}`, until, counts)));
      } finally {
        clearInterval(sampler);
        clearInterval(progress);
      }
      // RSS at a minute: the median of the samples of the minute before it (RSS moves with each GC).
      const at = (minute: number) => {
        const near = samples.filter((s) => s.minute > minute - 1 && s.minute <= minute).map((s) => s.kib);
        near.sort((a, b) => a - b);
        return near[Math.floor(near.length / 2)] ?? samples[samples.length - 1]!.kib;
      };
      const tenth = at(Math.min(10, minutes / 3));
      const last = at(minutes);
      const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
      const early = Math.min(10, minutes / 3);
      return [
        {
          id: 'P9',
          what: `server RSS, ${VIEWERS} list viewers on live refresh (SSE stream each, /api/jobs every 5 s and on events) for ${minutes} min, ${jobs.toLocaleString('en')} jobs indexed (PGlite)`,
          figure: `minute ${early.toFixed(0)}: ${mib(tenth)} · minute ${minutes}: ${mib(last)} · peak ${mib(Math.max(...samples.map((s) => s.kib)))} · ${counts.lists.toLocaleString('en')} list answers, ${counts.events.toLocaleString('en')} events, ${counts.streams} streams opened, ${counts.failed} refused or failed${counts.failed ? ` (${failureKinds(counts.why)})` : ''}`,
          target: `no growth from minute ${early.toFixed(0)} to ${minutes} (≤ 1.05×)`,
          ratio: last / tenth,
          limit: 1.05,
        },
      ];
    } finally {
      await app.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
