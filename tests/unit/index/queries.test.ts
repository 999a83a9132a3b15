/**
 * The index's answers against an oracle, on each store: the overview from rollups (whole hours)
 * plus rows (the partial hours at the edges) equals features/overview/aggregate.ts computed from
 * every stored job of the window; lists page by keyset through every match exactly once, in
 * order, with the right total; code, q and run-time filters match what a scan in JS finds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, type Emulator } from '@/emulator';
import {
  countByState,
  durationsByTag,
  groupFailures,
  runSeconds,
  slotsByCreation,
} from '@/features/overview/aggregate';
import type { JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';
import { CiClient } from '@/server/ci/client';
import { CallBudget } from '@/server/index/budget';
import {
  FAILURE_SAMPLE,
  listIndexed,
  listIndexedLines,
  overview,
  type IndexFilters,
  type IndexPage,
  type Keyset,
} from '@/server/index/queries';
import type { JobStore } from '@/server/index/store';
import { BucketSync } from '@/server/index/sync';

import { emulatorCiConfig } from '../../support/emulator-client';
import { BASE } from '../emulator/harness';
import { storeTargets } from './stores';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(storeTargets)('index queries on $name', { timeout: 120_000 }, (target) => {
  let emu: Emulator;
  let store: JobStore;
  let all: JobListItem[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ now: () => BASE, baseTime: BASE, jobCount: 4000 });
    store = await target.open();
    const config = emulatorCiConfig(emu, { CI_CACHE_TTL_MS: '0', CI_MAX_RETRIES: '0' });
    const sync = new BucketSync({
      store,
      bucket: emu.bucket,
      client: new CiClient(config, { now: () => BASE }),
      settings: { backfillDays: 30, pollMs: 5000, ciQps: 1000, retentionDays: 400 },
      now: () => BASE,
      sleep: () => Promise.resolve(),
      budget: new CallBudget(1000),
      log: () => undefined,
    });
    await sync.cycle({ deadline: Infinity });
    all = (await store.db.selectFrom('jobs').select('item').where('bucket', '=', emu.bucket).execute()).map(
      (r) => r.item,
    );
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await emu?.close();
  });

  const created = (j: JobListItem) => toMs(j.creationTime)!;
  const inWindow = (after: number, before: number, tag: string | null) =>
    all.filter((j) => created(j) > after && created(j) < before && (tag === null || j.tag === tag));

  it.each([
    ['24 h, all tags, edges mid-hour', 24 * HOUR, null, 'utc'],
    ['24 h of Transcode', 24 * HOUR, 'Transcode', 'cst'],
    ['7 days, all tags', 7 * DAY, null, 'cst'],
    ['30 days, all tags, by day', 30 * DAY, null, 'cst'],
    ['30 days of Snapshot', 30 * DAY, 'Snapshot', 'utc'],
  ] as const)('overview: %s, equal to the browser’s aggregation', async (_, span, tag, zone) => {
    const before = BASE - 17 * 60_000 - 23_000; // not on an hour: the edges come from rows
    const after = before - span;
    const offset = zone === 'utc' ? 0 : 480;
    const got = await overview(
      store.db,
      emu.bucket,
      { tag, states: null, afterMs: after, beforeMs: before },
      () => offset,
    );
    const jobs = inWindow(after, before, tag);
    expect(jobs.length).toBeGreaterThan(10);
    expect(got.total).toBe(jobs.length);
    expect(got.byState).toEqual(countByState(jobs));
    const unit = span <= 7 * DAY ? 'hour' : 'day';
    expect(got.byTime.unit).toBe(unit);
    expect(got.byTime.buckets).toEqual(
      slotsByCreation(jobs, { from: after + 1000, to: before - 1000, unit, offsetMinutes: () => offset }),
    );
    const failures = groupFailures(jobs);
    expect(got.failuresByCode.map((f) => [f.code, f.count, f.tags, f.latest])).toEqual(
      failures.map((f) => [f.code, f.count, f.tags, f.latest ? new Date(toMs(f.latest)!).toISOString() : null]),
    );
    // Queues and messages: those of the group's newest FAILURE_SAMPLE jobs, as the browser tallies a list.
    expect(got.failuresByCode.map((f) => [f.code, f.queues, f.messages, f.sampled])).toEqual(
      failures.map((f) => {
        const newest = groupFailures(f.jobs.slice(0, FAILURE_SAMPLE))[0]!;
        return [f.code, newest.queues, newest.messages, newest.count];
      }),
    );
    expect(got.failuresByCode.some((f) => f.queues.length > 0 && f.messages[0]![0] !== '')).toBe(true);
    // Run times come from 2 %-wide bins (exact below 100 s): the same tags and counts, each
    // percentile at most 2 % under the exact one.
    const exact = durationsByTag(jobs);
    expect(got.runTimeByTag.map((t) => [t.tag, t.count]).sort()).toEqual(exact.map((t) => [t.tag, t.count]).sort());
    for (const t of got.runTimeByTag) {
      const e = exact.find((x) => x.tag === t.tag)!;
      for (const k of ['median', 'p90', 'max'] as const) {
        expect(t[k]).toBeLessThanOrEqual(e[k]);
        expect(t[k]).toBeGreaterThanOrEqual(e[k] < 100 ? e[k] : Math.floor(e[k] / 1.02));
      }
    }
  });

  it('overview with a filter the rollups lack (a code) counts the rows, in the same shapes', async () => {
    const code = groupFailures(all)[0]!.code;
    const after = BASE - 30 * DAY;
    const got = await overview(
      store.db,
      emu.bucket,
      { tag: null, states: null, codes: [code], afterMs: after, beforeMs: BASE + 1000 },
      () => 480,
    );
    const jobs = inWindow(after, BASE + 1000, null).filter((j) => j.code === code);
    expect(got.total).toBe(jobs.length);
    expect(got.byState).toEqual(countByState(jobs));
    expect(got.failuresByCode.map((f) => [f.code, f.count])).toEqual([
      [code, jobs.filter((j) => j.state === 'Failed').length],
    ]);
  });

  async function walk(f: IndexFilters, order: 'Asc' | 'Desc', size: number) {
    const ids: string[] = [];
    let after: Keyset | null = null;
    let total = -1;
    for (let i = 0; i < 1000; i++) {
      const page = await listIndexed(store.db, emu.bucket, f, { size, order, after });
      total = page.total;
      ids.push(...page.jobs.map((j) => j.jobId));
      if (!page.cursor) return { ids, total };
      const [ms, id] = page.cursor.split('.');
      after = { createdMs: Number(ms), jobId: id! };
    }
    throw new Error('did not end');
  }

  const sorted = (jobs: JobListItem[], order: 'Asc' | 'Desc') =>
    [...jobs]
      .sort((a, b) => created(a) - created(b) || (a.jobId < b.jobId ? -1 : 1))
      .map((j) => j.jobId)
      [order === 'Asc' ? 'slice' : 'reverse']();

  it.each([
    ['every tag, newest first', { tag: null, states: null }, (j: JobListItem) => j.jobId !== '', 'Desc'],
    [
      'Transcode, Failed, oldest first',
      { tag: 'Transcode', states: ['Failed'] },
      (j: JobListItem) => j.tag === 'Transcode' && j.state === 'Failed',
      'Asc',
    ],
    [
      'runs of 60–300 s',
      { tag: null, states: null, minDurationSec: 60, maxDurationSec: 300 },
      (j: JobListItem) => {
        const s = runSeconds(j);
        return (j.state === 'Success' || j.state === 'Failed') && s !== null && s >= 60 && s <= 300;
      },
      'Desc',
    ],
  ] as const)('lists %s by keyset, each job once, with the total', async (_, f, match, order) => {
    const want = sorted(all.filter(match), order);
    expect(want.length).toBeGreaterThan(5);
    const got = await walk(f as IndexFilters, order, 97);
    expect(got.ids).toEqual(want);
    expect(got.total).toBe(want.length);
  });

  it('lists the same jobs as JSON lines (the NDJSON export), page by page, with the same cursors', async () => {
    const f: IndexFilters = { tag: 'Transcode', states: null };
    let after: Keyset | null = null;
    let pages = 0;
    for (;;) {
      const [objects, lines]: [IndexPage, { lines: string[]; cursor: string | null }] = await Promise.all([
        listIndexed(store.db, emu.bucket, f, { size: 250, order: 'Desc', after, withTotal: false }),
        listIndexedLines(store.db, emu.bucket, f, { size: 250, order: 'Desc', after }),
      ]);
      // Each line is one whole job, equal to the item (its keys may come in another order).
      expect(lines.lines.every((line) => !line.includes('\n'))).toBe(true);
      expect(lines.lines.map((line) => JSON.parse(line) as JobListItem)).toEqual(objects.jobs);
      expect(lines.cursor).toBe(objects.cursor);
      pages++;
      if (!objects.cursor) break;
      const [ms, id] = objects.cursor.split('.');
      after = { createdMs: Number(ms), jobId: id! };
    }
    expect(pages).toBeGreaterThan(1);
  });

  it('filters by codes and by a substring of the input key, output key or message', async () => {
    const codes = groupFailures(all)
      .slice(0, 2)
      .map((f) => f.code);
    const byCode = await walk({ tag: null, states: null, codes }, 'Desc', 100);
    expect(byCode.ids).toEqual(
      sorted(
        all.filter((j) => j.code !== null && codes.includes(j.code)),
        'Desc',
      ),
    );

    const key = all.find((j) => (j.input?.object ?? '').length > 8)!.input!.object!;
    const part = key.slice(2, 8).toUpperCase(); // case does not matter
    const hay = (j: JobListItem) =>
      [j.input?.object ?? '', j.output?.object ?? '', j.message ?? ''].join('\n').toLowerCase();
    const byQ = await walk({ tag: null, states: null, q: part }, 'Desc', 100);
    expect(byQ.ids).toEqual(
      sorted(
        all.filter((j) => hay(j).includes(part.toLowerCase())),
        'Desc',
      ),
    );
    expect(byQ.ids.length).toBeGreaterThan(0);

    // LIKE's wildcards are plain characters here.
    const none = await walk({ tag: null, states: null, q: '%_%' }, 'Desc', 100);
    expect(none.ids).toEqual(
      sorted(
        all.filter((j) => hay(j).includes('%_%')),
        'Desc',
      ),
    );
  });
});
