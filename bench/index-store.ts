/**
 * The job index's query times on a large store, outside `npm test` (timings never go there):
 * fills a store with synthetic jobs spread evenly over 30 days (default 1,000,000) through the same
 * write path as the sync (rollups included), then times the overview and the list's queries.
 *
 *   npx tsx --conditions=react-server bench/index-store.ts [jobs]            embedded PGlite (in /tmp)
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/index-store.ts
 *
 * A groundwork for the P6; the numbers go to the report, not to bench/RESULTS.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { formatCiTime } from '../lib/ci/param-rules';
import { TAG_CODES } from '../lib/ci/tags';
import type { JobListItem } from '../lib/ci/types';
import { countIndexed, listIndexed, overview } from '../server/index/queries';
import { openStore } from '../server/index/store';
import { writeJobs } from '../server/index/write';

const total = Number(process.argv[2] ?? 1_000_000);
const DAY = 86_400_000;
const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const CODES = ['InternalError', 'InvalidInput', 'Timeout', 'NoSuchKey', 'AccessDenied', 'FormatError'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function job(i: number, r: () => number): JobListItem {
  const created = Math.floor((now - 30 * DAY + (i / total) * 30 * DAY) / 1000) * 1000;
  const u = r();
  const state = u < 0.86 ? 'Success' : u < 0.94 ? 'Failed' : u < 0.97 ? 'Cancel' : u < 0.985 ? 'Pause' : 'Running';
  const run = Math.floor(5 + r() * r() * 900);
  const tag = TAG_CODES[Math.floor(r() * r() * TAG_CODES.length)]!;
  const iso = (ms: number) => formatCiTime(ms).replace(/(\d{2})(\d{2})$/, '$1:$2');
  return {
    jobId: `j${i.toString(16).padStart(31, '0')}`,
    tag,
    subTag: null,
    state,
    progress: state === 'Success' ? 100 : 0,
    code: state === 'Failed' ? CODES[Math.floor(r() * CODES.length)]! : 'Success',
    message: state === 'Failed' ? 'The job failed' : 'success',
    creationTime: iso(created),
    startTime: state === 'Success' || state === 'Failed' ? iso(created + 1000) : null,
    endTime: state === 'Success' || state === 'Failed' ? iso(created + 1000 + run * 1000) : null,
    queueId: `p${Math.floor(r() * 4)}`,
    queueType: 'Transcoding',
    input: {
      bucket: 'b',
      region: 'ap-guangzhou',
      object: `input/${tag}/video-${i}.mp4`,
      url: null,
      lang: null,
      type: null,
      extra: {},
    },
    output: { bucket: 'b', region: 'ap-guangzhou', object: `output/${tag}/video-${i}.mp4` },
    workflows: [],
    extra: {},
  };
}

async function time<T>(label: string, runs: number, fn: () => Promise<T>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(48)} p50 ${times[Math.floor(runs / 2)]!.toFixed(1)} ms   min ${times[0]!.toFixed(1)} ms`);
}

const dir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(tmpdir(), 'index-bench-'));
const store = await openStore({
  databaseUrl: process.env.DATABASE_URL ?? null,
  pgliteDir: dir ? path.join(dir, 'pglite') : null,
});
const bucket = 'bench-1250000000';
const r = rng(1);
const t = performance.now();
for (let i = 0; i < total; i += 1000) {
  const batch: { item: JobListItem }[] = [];
  for (let k = i; k < Math.min(total, i + 1000); k++) batch.push({ item: job(k, r) });
  await writeJobs(store.db, bucket, batch, now);
  if ((i / 1000) % 100 === 99)
    console.log(`${i + 1000} jobs written, ${Math.round((i + 1000) / ((performance.now() - t) / 1000))} jobs/s`);
}
console.log(`write: ${total} jobs in ${((performance.now() - t) / 1000).toFixed(1)} s (${store.kind})`);

const all = { tag: null, states: null };
const z = () => 480;
await time('overview 30 d, all tags (rollups + edge rows)', 9, () =>
  overview(store.db, bucket, { ...all, afterMs: now - 30 * DAY + 1234, beforeMs: now - 777 }, z),
);
await time('overview 7 d, Transcode', 9, () =>
  overview(store.db, bucket, { tag: 'Transcode', states: null, afterMs: now - 7 * DAY + 1234, beforeMs: now }, z),
);
await time('overview 24 h, all tags', 9, () =>
  overview(store.db, bucket, { ...all, afterMs: now - DAY - 1, beforeMs: now }, z),
);
await time('overview 30 d, code=Timeout (rows)', 5, () =>
  overview(store.db, bucket, { ...all, codes: ['Timeout'], afterMs: now - 30 * DAY, beforeMs: now }, z),
);
await time('list page 50, all tags, with total (rollups)', 9, () =>
  listIndexed(store.db, bucket, all, { size: 50, order: 'Desc', after: null }),
);
await time('list page 50 deep (keyset), no total', 9, () =>
  listIndexed(store.db, bucket, all, {
    size: 50,
    order: 'Desc',
    after: { createdMs: now - 15 * DAY, jobId: 'z' },
    withTotal: false,
  }),
);
await time('list code=Timeout page 50 + total', 9, () =>
  listIndexed(store.db, bucket, { ...all, codes: ['Timeout'] }, { size: 50, order: 'Desc', after: null }),
);
await time('list q="video-12345" page 50 + total', 9, () =>
  listIndexed(store.db, bucket, { ...all, q: 'video-12345' }, { size: 50, order: 'Desc', after: null }),
);
await time('count runs 300-600 s, 30 d', 5, () =>
  countIndexed(store.db, bucket, { ...all, minDurationSec: 300, maxDurationSec: 600 }),
);
await store.close();
if (dir) rmSync(dir, { recursive: true, force: true });
