/**
 * The store itself: migrations run once and a reopened store keeps its jobs (PGlite on disk); two
 * servers cannot open one embedded store; on PostgreSQL one process at a time holds the sync lock;
 * a batch and its checkpoint are written together or not at all.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JobListItem } from '@/lib/ci/types';
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

  if (target.name === 'postgres') {
    it('lets one process at a time hold the sync lock', async () => {
      expect(await store.trySyncLock()).toBe(true);
      const url = process.env.TEST_DATABASE_URL!;
      const db = (await store.db.selectNoFrom(sql<string>`current_database()`.as('name')).executeTakeFirst())!.name;
      const other = await openStore({
        databaseUrl: url.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${db}`),
        pgliteDir: null,
      });
      try {
        expect(await other.trySyncLock()).toBe(false);
      } finally {
        await other.close();
      }
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
      expect(migrations.rows.map((r) => r.name)).toEqual(['0001_init', '0002_daily_rollups']);
    } finally {
      await again.close();
    }
  });
});
