/**
 * The store itself: migrations run once and a reopened store keeps its jobs (PGlite on disk); two
 * servers cannot open one embedded store; on PostgreSQL one process at a time holds the sync lock;
 * a batch and its checkpoint are written together or not at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import type { JobListItem } from '@/lib/ci/types';
import { toListItem } from '@/server/ci/xml';
import { parseCallback } from '@/server/index/callback';
import { migrations as provider } from '@/server/index/migrations';
import { getIndexedJob } from '@/server/index/queries';
import { binSeconds, runBin } from '@/server/index/schema';
import { openStore, type JobStore } from '@/server/index/store';
import { writeJobs } from '@/server/index/write';

import { resetStore, storeTargets } from './stores';

const item = (id: string, state = 'Running', created = '2026-11-20T10:00:00+08:00'): JobListItem => ({
  jobId: id,
  tag: 'Transcode',
  subTag: null,
  state,
  progress: state === 'Success' ? 100 : 10,
  code: state === 'Failed' ? 'InternalError' : 'Success',
  message: null,
  creationTime: created,
  startTime: '2026-11-20T10:00:01+08:00',
  endTime: state === 'Running' ? null : '2026-11-20T10:02:01+08:00',
  queueId: 'p1',
  queueType: 'Transcoding',
  input: null,
  output: null,
  workflows: [],
  extra: {},
});

describe.each(storeTargets)('the store on $name', { timeout: 120_000 }, (target) => {
  let store: JobStore;
  beforeAll(async () => {
    store = await target.open();
  }, 120_000);
  afterAll(() => store?.close());

  it('moves a job between rollup cells as its state changes, counting it once', async () => {
    await resetStore(store);
    await writeJobs(store.db, 'b', [{ item: item('j1') }, { item: item('j2') }], 1);
    await writeJobs(store.db, 'b', [{ item: item('j1', 'Failed') }, { item: item('j2') }], 2);
    await writeJobs(store.db, 'b', [{ item: item('j1', 'Failed') }], 3);
    const cells = await store.db
      .selectFrom('rollup_hour')
      .select(['state', 'code', 'jobs'])
      .where('jobs', '<>', 0)
      .orderBy('state')
      .execute();
    expect(cells).toEqual([
      { state: 'Failed', code: 'InternalError', jobs: 1 },
      { state: 'Running', code: '', jobs: 1 },
    ]);
    const runs = await store.db
      .selectFrom('rollup_run')
      .select(['state', 'bin', 'jobs'])
      .where('jobs', '<>', 0)
      .execute();
    expect(runs).toEqual([{ state: 'Failed', bin: runBin(120), jobs: 1 }]);
    expect(binSeconds(runBin(120))).toBeLessThanOrEqual(120);
    expect(binSeconds(runBin(120))).toBeGreaterThan(120 / 1.02);
  });

  it('writes a batch and its checkpoint together, or neither', async () => {
    await resetStore(store);
    await expect(
      writeJobs(store.db, 'b', [{ item: item('j1') }], 1, async (trx) => {
        await sql`select 1 / 0`.execute(trx);
      }),
    ).rejects.toThrow();
    expect(await store.db.selectFrom('jobs').selectAll().execute()).toEqual([]);
    expect(await store.db.selectFrom('rollup_hour').selectAll().execute()).toEqual([]);
  });

  it("keeps a callback's job element (XML or JSON) for the detail, through listings of the same state", async () => {
    await resetStore(store);
    const element =
      '<JobsDetail><JobId>jcb1</JobId><Tag>Transcode</Tag><State>Failed</State><Code>InternalError</Code>' +
      '<CreationTime>2026-11-20T10:00:00+0800</CreationTime><Operation><Output><Object>o &amp; p.mp4</Object></Output>' +
      '<MediaResult><JobId>not-this-one</JobId></MediaResult></Operation></JobsDetail>';
    const xml = parseCallback(`<Response><EventName>TaskFinish</EventName>${element}</Response>`, 'application/xml');
    const json = parseCallback(
      JSON.stringify({
        EventName: 'TaskFinish',
        JobsDetail: [
          { JobId: 'jcb2', Tag: 'Snapshot', State: 'Success', Progress: 100, CreationTime: '2026-11-20T11:00:00+0800' },
        ],
      }),
      'application/json',
    );
    if (xml.kind !== 'jobs' || json.kind !== 'jobs') throw new Error('the callbacks were refused');
    await writeJobs(
      store.db,
      'b',
      [...xml.jobs, ...json.jobs].map((d) => ({ item: toListItem(d.job), detail: d })),
      1,
    );
    const one = await getIndexedJob(store.db, 'b', 'jcb1');
    expect(one?.xml).toBe(element);
    expect(one?.detail?.operation?.output?.object).toBe('o & p.mp4');
    const two = await getIndexedJob(store.db, 'b', 'jcb2');
    // The JSON's fields as CI's XML carries them: read back, the same job.
    expect(two?.xml).toMatch(/^<JobsDetail><JobId>jcb2<\/JobId>.*<Progress>100<\/Progress>.*<\/JobsDetail>$/);
    expect(parseCallback(`<Response>${two!.xml!}</Response>`, 'application/xml')).toMatchObject({
      kind: 'jobs',
      jobs: [{ job: { jobId: 'jcb2', state: 'Success', progress: 100 } }],
    });
    // A later listing of the same state (no detail) keeps it; one of a new state drops it with the detail.
    await writeJobs(store.db, 'b', [{ item: { ...toListItem(xml.jobs[0]!.job), message: 'listed' } }], 2);
    expect((await getIndexedJob(store.db, 'b', 'jcb1'))?.xml).toBe(element);
    await writeJobs(store.db, 'b', [{ item: { ...toListItem(json.jobs[0]!.job), state: 'Failed' } }], 3);
    expect(await getIndexedJob(store.db, 'b', 'jcb2')).toMatchObject({ xml: null, detail: null });
  });

  if (target.name === 'postgres') {
    it("lets one process at a time hold the sync lock, and frees it when the holder's connection dies", async () => {
      const lease = await store.trySyncLock();
      expect(lease).not.toBeNull();
      const url = process.env.TEST_DATABASE_URL!;
      const db = (await store.db.selectNoFrom(sql<string>`current_database()`.as('name')).executeTakeFirst())!.name;
      const other = await openStore({
        databaseUrl: url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${db}`),
        pgliteDir: null,
      });
      try {
        expect(await other.trySyncLock()).toBeNull();
        const lost = new Promise<string>((resolve) => lease!.onLost(resolve));
        // The server ends the holder's session (as when its process dies): the lock goes with it. Only
        // this database's holder: test files running beside this one hold the same key in their own.
        await sql`select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objid = ${0x1d_c1_0b5} and granted and database = (select oid from pg_database where datname = current_database())`.execute(
          other.db,
        );
        expect(await lost).toMatch(/connection/);
        // The holder's client sees its connection end (FATAL) a moment before the ending backend
        // releases its locks on exit; a replica asks again at its next attempt, as this does.
        const taken = await vi.waitFor(
          async () => (await other.trySyncLock()) ?? Promise.reject(new Error('the lock is still held')),
          { timeout: 10_000, interval: 50 },
        );
        expect(taken).not.toBeNull();
        expect(await store.trySyncLock()).toBeNull();
      } finally {
        await other.close();
      }
    });
  } else {
    it("always leads: the embedded store is this process's alone", async () => {
      expect(await store.trySyncLock()).not.toBeNull();
    });
  }
});

describe('the embedded store on disk', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'index-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its jobs across a reopen, migrates once, and refuses a second opener', async () => {
    const pgliteDir = path.join(dir, 'pglite');
    const first = await openStore({ databaseUrl: null, pgliteDir });
    await writeJobs(first.db, 'b', [{ item: item('j1', 'Success') }], 1);
    await expect(openStore({ databaseUrl: null, pgliteDir })).rejects.toThrow(/already open in this process/);
    await first.close();
    const again = await openStore({ databaseUrl: null, pgliteDir });
    try {
      expect(await again.db.selectFrom('jobs').select(['job_id', 'state']).execute()).toEqual([
        { job_id: 'j1', state: 'Success' },
      ]);
      const migrations = await sql<{ name: string }>`select name from kysely_migration`.execute(again.db);
      // Each migration once, however often the store opens.
      expect(migrations.rows.map((r) => r.name).sort()).toEqual(Object.keys(await provider.getMigrations()).sort());
    } finally {
      await again.close();
    }
  });
});
