/**
 * P6: the 30-day overview over 1,000,000 indexed jobs, server time p50 ≤ 100 ms — beside it what a
 * browser without the index does for 24 h of one tag on the same data (page CI's GET /jobs, 100
 * jobs a request).
 *
 * The data: the emulator's steady-rate set, 1,389 jobs an hour over 30 days (1,000,080 jobs) at a
 * fixed instant, so it is the same every run. The embedded store is filled in bulk from the
 * emulator's own records as a listing shows them (bench/p6-fill.ts: COPY, then the rollups computed
 * from the rows — not through CI: a million jobs at 5 calls/s would take an hour) and kept in
 * bench/out/ between runs; a PostgreSQL one, in the database `ci_dashboard_bench`, is copied from
 * it. A store that already holds the set is reused.
 *
 * The overview is timed as the route calls it (server/index/queries.ts overview()), in this process.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import pg from 'pg';

import { startEmulator, type Emulator } from '../emulator';
import { viewAt, type JobRecord, type JobView } from '../emulator/dataset';
import { formatCiTime } from '../lib/ci/params';
import { TAG_CODES } from '../lib/ci/tags';
import type { JobListItem } from '../lib/ci/types';
import { overview } from '../server/index/queries';
import { forgetRollupReads } from '../server/index/rollup-cache';
import { openStore, type JobStore } from '../server/index/store';
import type { IncomingJob } from '../server/index/write';
import { emulatorCiClient } from '../tests/support/emulator-client';
import { median, type BenchRow } from './lib';
import { bulkFillPGlite, JOB_COLUMNS } from './p6-fill';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const JOBS_PER_HOUR = 1389;
const DAYS = 30;
/** The data set's instant: fixed, so the stored set stays valid between runs. */
const NOW = Date.UTC(2026, 10, 1, 9, 30, 0);
const PG_DATABASE = 'ci_dashboard_bench';

/** A note beside the stores: the set they hold, so a later run reuses them. */
const marker = (kind: string) => path.join(import.meta.dirname, 'out', `index-p6-${kind}.json`);
const SET_KEY = `${JOBS_PER_HOUR}/h × ${DAYS} d at ${new Date(NOW).toISOString()}`;

/** The set's size when the store holds it (its note matches), else null. */
async function heldSet(store: JobStore): Promise<number | null> {
  const note = existsSync(marker(store.kind))
    ? (JSON.parse(readFileSync(marker(store.kind), 'utf8')) as { set: string; jobs: number })
    : null;
  if (!note || note.set !== SET_KEY) return null;
  const held = Number(
    (
      await store.db
        .selectFrom('rollup_day')
        .select((eb) => eb.fn.sum<number>('jobs').as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  return held === note.jobs ? held : null;
}

/**
 * Fills the embedded store (bench/p6-fill.ts: rows loaded with COPY, rollups computed from them)
 * unless its note says it holds the set already. The store is closed while the fill runs on its
 * directory, and opened again after.
 */
async function fill(
  store: JobStore,
  dir: string,
  emu: Emulator,
  log: (m: string) => void,
): Promise<{ jobs: number; store: JobStore }> {
  const held = await heldSet(store);
  if (held !== null) {
    log(`P6: the ${store.kind} store holds the ${held.toLocaleString('en')} jobs already`);
    return { jobs: held, store };
  }
  await store.close();
  const jobs = await bulkFillPGlite(dir, emu.bucket, incoming(emu), NOW, log);
  mkdirSync(path.dirname(marker('pglite')), { recursive: true });
  writeFileSync(marker('pglite'), JSON.stringify({ set: SET_KEY, jobs }));
  return { jobs, store: await openStore({ databaseUrl: null, pgliteDir: dir }) };
}

/** The set's jobs as a listing at NOW shows them: created within the 30 days before NOW. */
function* incoming(emu: Emulator): Generator<IncomingJob> {
  for (const list of emu.dataset.byTag.values())
    for (let i = 0; i < list.length; i++) {
      const job = list.at(i)!;
      if (job.creationMs <= NOW - DAYS * DAY || job.creationMs >= NOW) continue;
      const view = viewAt(job, NOW);
      if (view) yield { item: listItem(emu, job, view) };
    }
}

/**
 * A job as a listing shows it, straight from the emulator's record (what its XML would say, less
 * the operation and output the overview does not read): rendering and parsing a million jobs' XML
 * would take most of the fill.
 */
function listItem(emu: Emulator, job: JobRecord, view: JobView): JobListItem {
  const failed = view.state === 'Failed' && job.failure;
  return {
    jobId: job.jobId,
    tag: job.tag,
    subTag: null,
    state: view.state,
    progress: view.progress,
    code: failed ? job.failure.code : 'Success',
    message: failed ? job.failure.message : view.state === 'Success' ? 'Success' : null,
    creationTime: formatCiTime(job.creationMs),
    startTime: view.startMs === null ? null : formatCiTime(view.startMs),
    endTime: view.endMs === null ? null : formatCiTime(view.endMs),
    queueId: job.queueId,
    queueType: job.queueType,
    input: {
      bucket: job.input.bucketId,
      region: job.input.region,
      object: job.input.object ?? null,
      cosHeaders: [],
      url: null,
      lang: job.input.lang ?? null,
      type: job.input.type ?? null,
      extra: {},
    },
    output: null,
    workflows: job.workflow
      ? [
          {
            runId: job.workflow.runId,
            workflowId: job.workflow.workflowId,
            workflowName: job.workflow.workflowName,
            name: job.workflow.name,
          },
        ]
      : [],
    extra: { bucket: emu.bucket },
  };
}

const COPIED = {
  jobs: JOB_COLUMNS,
  rollup_hour: ['bucket', 'hour_ms', 'tag', 'state', 'code', 'jobs'],
  rollup_run: ['bucket', 'hour_ms', 'tag', 'state', 'bin', 'jobs'],
  rollup_day: ['bucket', 'day_ms', 'tag', 'state', 'code', 'jobs'],
  rollup_day_run: ['bucket', 'day_ms', 'tag', 'state', 'bins'],
  rollup_day_slots: ['bucket', 'day_ms', 'tag', 'state', 'slots'],
  rollup_day_slots_all: ['bucket', 'day_ms', 'state', 'slots'],
  rollup_day_rev: ['bucket', 'day_ms', 'rev'],
};

/**
 * A PostgreSQL store given the embedded store's set by COPY, table by table (the server reads the
 * files PGlite wrote: a superuser connection on this machine) — minutes instead of the half hour a
 * second fill through the write path takes on a loaded machine. The rows are the same rows.
 */
async function copyFromPGlite(store: JobStore, pgliteDir: string, log: (m: string) => void): Promise<number | null> {
  const note = existsSync(marker('pglite'))
    ? (JSON.parse(readFileSync(marker('pglite'), 'utf8')) as { set: string; jobs: number })
    : null;
  if (!note || note.set !== SET_KEY) return null;
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const source = await PGlite.create(pgliteDir, { extensions: { pg_trgm } });
  const started = performance.now();
  try {
    const indexes = await sql<{ name: string; def: string }>`
      select indexname as name, indexdef as def from pg_indexes
      where tablename = 'jobs' and indexname <> 'jobs_pk'`.execute(store.db);
    for (const { name } of indexes.rows) await sql`drop index ${sql.id(name)}`.execute(store.db);
    for (const [table, columns] of Object.entries(COPIED)) {
      await sql`truncate ${sql.id(table)}`.execute(store.db);
      const list = columns.join(', ');
      const out = await source.query(`copy ${table} (${list}) to '/dev/blob'`);
      const file = path.join(tmpdir(), `bench-p6-${table}.copy`);
      writeFileSync(file, Buffer.from(await out.blob!.arrayBuffer()), { mode: 0o644 });
      try {
        await sql.raw(`copy ${table} (${list}) from '${file}'`).execute(store.db);
      } finally {
        rmSync(file, { force: true });
      }
    }
    for (const { def } of indexes.rows) await sql.raw(def).execute(store.db);
    // Revisions go on from the copied ones: a day written later must get a greater one.
    await sql`select setval('rollup_rev', greatest((select max(rev) from rollup_day_rev), 1))`.execute(store.db);
    await sql`analyze`.execute(store.db);
  } finally {
    await source.close();
  }
  writeFileSync(marker(store.kind), JSON.stringify({ set: SET_KEY, jobs: note.jobs }));
  log(
    `P6: copied the embedded store's ${note.jobs.toLocaleString('en')} jobs to ${store.kind} in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  return note.jobs;
}

/**
 * The overview's server time, p50 over `runs` windows (after one that warms the caches): as a
 * polling viewer gets it (the whole hours and days kept from the previous read, checked against
 * the days' revisions), and with that kept read forgotten before each call (the rollups read).
 */
async function timeOverview(store: JobStore, bucket: string, runs: number): Promise<{ kept: number; read: number }> {
  const kept: number[] = [];
  const read: number[] = [];
  // Kept reads first, then fresh ones: alternating would have each kept read follow a full one.
  for (const fresh of [false, true])
    for (let i = 0; i < runs + 1; i++) {
      if (fresh) forgetRollupReads(store.db);
      // Edges off the hour, as a page's "last 30 days" is; CI's zone (+08:00), as the page defaults to.
      const before = NOW - 7_000 - i * 31_000;
      const t = performance.now();
      const o = await overview(
        store.db,
        bucket,
        { tag: null, states: null, afterMs: before - 30 * DAY, beforeMs: before },
        () => 480,
      );
      const ms = performance.now() - t;
      if (o.total < 900_000) throw new Error(`P6: the overview counted ${o.total} jobs, not about a million`);
      if (i > 0) (fresh ? read : kept).push(ms); // the first warms the caches
    }
  return { kept: median(kept), read: median(read) };
}

/** What the browser does today for 24 h of one tag: every page of GET /jobs, 100 jobs each. */
async function browserCollection(emu: Emulator): Promise<{ ms: number; requests: number; jobs: number }> {
  const client = emulatorCiClient(emu, { CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0' }, { now: () => NOW });
  const t = performance.now();
  let token: string | null = null;
  let requests = 0;
  let jobs = 0;
  do {
    const page = await client.listJobs({
      tag: 'Transcode',
      orderByTime: 'Desc',
      size: 100,
      startCreationTime: formatCiTime(NOW - DAY, 480),
      endCreationTime: formatCiTime(NOW, 480),
      ...(token ? { nextToken: token } : {}),
    });
    requests++;
    jobs += page.jobs.length;
    token = page.jobs.length > 0 ? page.nextToken : null;
  } while (token && requests < 1000);
  return { ms: performance.now() - t, requests, jobs };
}

async function postgresStore(url: string): Promise<JobStore> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [PG_DATABASE]);
    if (rows.length === 0) await admin.query(`create database ${PG_DATABASE}`);
  } finally {
    await admin.end();
  }
  const target = url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${PG_DATABASE}`);
  return openStore({ databaseUrl: target, pgliteDir: null });
}

export async function runOverviewBench({
  runs,
  only,
}: {
  runs: number;
  /** One store only (BENCH_P6_STORE=pglite|postgresql). */
  only?: string;
}): Promise<BenchRow[]> {
  const log = (m: string) => console.log(m);
  log('P6: starting the emulator (steady-rate set)…');
  const emu = await startEmulator({
    now: () => NOW,
    baseTime: NOW,
    steady: { jobsPerHour: JOBS_PER_HOUR, days: DAYS },
  });
  log(`P6: emulator up with ${emu.dataset.jobCount.toLocaleString('en')} jobs (${SET_KEY})`);
  const rows: BenchRow[] = [];
  try {
    const collection = await browserCollection(emu);
    log(`P6: browser collection ${Math.round(collection.ms)} ms, ${collection.requests} requests`);
    const collected = `browser collection of 24 h of Transcode today: ${(collection.ms / 1000).toFixed(1)} s, ${collection.requests} requests for ${collection.jobs.toLocaleString('en')} jobs (the page's CI calls replayed without a browser: a lower bound)`;
    const dir = path.join(import.meta.dirname, 'out', 'index-p6-pglite');
    const targets: { name: string; open: () => Promise<JobStore> }[] = [
      {
        name: 'PGlite',
        open: async () => {
          try {
            return await openStore({ databaseUrl: null, pgliteDir: dir });
          } catch (error) {
            // A store left broken by an interrupted fill is refilled.
            if (!existsSync(dir)) throw error;
            rmSync(dir, { recursive: true, force: true });
            return openStore({ databaseUrl: null, pgliteDir: dir });
          }
        },
      },
    ];
    const url = process.env.TEST_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
    if (url) targets.push({ name: 'PostgreSQL', open: () => postgresStore(url) });
    else log('P6: neither TEST_DATABASE_URL nor DATABASE_URL is set: the PostgreSQL row was not measured');
    for (const target of targets) {
      if (only && target.name.toLowerCase() !== only) continue;
      let store = await target.open();
      try {
        let jobs: number;
        if (target.name === 'PostgreSQL') jobs = (await heldSet(store)) ?? (await copyFromPGlite(store, dir, log)) ?? 0;
        else ({ jobs, store } = await fill(store, dir, emu, log));
        if (jobs === 0) throw new Error('P6: fill the embedded store first (BENCH_P6_STORE=pglite)');
        const { kept, read } = await timeOverview(store, emu.bucket, Math.max(5, runs * 2));
        rows.push({
          id: target.name === 'PGlite' ? 'P6a' : 'P6b',
          what: `30-day overview (all ${TAG_CODES.length} tags, zone +08:00) over ${jobs.toLocaleString('en')} indexed jobs, ${target.name}: server time p50`,
          figure: `${kept.toFixed(1)} ms (whole hours and days kept from the previous viewer's read, checked against the days' revisions) · ${read.toFixed(1)} ms reading every rollup · ${collected}`,
          target: '≤ 100 ms',
          ratio: kept / 100,
          limit: 1,
        });
      } finally {
        await store.close();
      }
    }
  } finally {
    await emu.close();
  }
  return rows;
}
