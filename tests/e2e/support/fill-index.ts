/**
 * Fills an indexed server's embedded store before the server starts, through the index's own write
 * path (server/index/write.ts) — thousands of jobs in seconds, where a backfill through CI would
 * take minutes on these machines — and records every tag as backfilled up to now, so the server's
 * sync only follows from there and goes live at once.
 *
 *   tsx --conditions=react-server tests/e2e/support/fill-index.ts <pglite dir> <bucket> <jobs>
 *
 * The jobs are finished ones (Success, or Failed with a code) spread over the last 29 days, so the
 * sync has nothing of them to refresh. Run by fillIndexStore() in servers.ts.
 */
import { formatCiTime } from '@/lib/ci/params';
import { TAG_CODES } from '@/lib/ci/tags';
import type { JobListItem } from '@/lib/ci/types';
import { openStore } from '@/server/index/store';
import { writeJobs } from '@/server/index/write';

const [dir = '', bucket = '', countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!dir || !bucket || !Number.isInteger(count) || count <= 0) {
  console.error('usage: fill-index.ts <pglite dir> <bucket> <jobs>');
  process.exit(2);
}

const now = Date.now();
const DAY = 86_400_000;
const tags = ['Transcode', 'Snapshot', 'Animation', 'Concat'];
const iso = (ms: number) => formatCiTime(ms, 480);

function job(i: number): JobListItem {
  const created = Math.floor((now - 29 * DAY + (i / count) * 28 * DAY) / 1000) * 1000;
  const failed = i % 9 === 0;
  const tag = tags[i % tags.length]!;
  return {
    jobId: `jfill${String(i).padStart(27, '0')}`,
    tag,
    subTag: null,
    state: failed ? 'Failed' : 'Success',
    progress: failed ? 40 : 100,
    code: failed ? 'InvalidInput' : 'Success',
    message: failed ? 'The input could not be read' : 'success',
    creationTime: iso(created),
    startTime: iso(created + 1000),
    endTime: iso(created + 1000 + (30 + (i % 300)) * 1000),
    queueId: 'p0a1b2c3d4e5f60718293a4b5c6d7e8f9',
    queueType: 'Transcoding',
    input: {
      bucket,
      region: 'ap-guangzhou',
      object: `fill/${tag}/clip-${i}.mp4`,
      cosHeaders: [],
      url: null,
      lang: null,
      type: null,
      extra: {},
    },
    output: { bucket, region: 'ap-guangzhou', object: `fill/${tag}/out-${i}.mp4` },
    workflows: [],
    extra: {},
  };
}

const store = await openStore({ databaseUrl: null, pgliteDir: dir });
try {
  for (let i = 0; i < count; i += 2000) {
    const batch = Array.from({ length: Math.min(2000, count - i) }, (_, k) => ({ item: job(i + k) }));
    await writeJobs(store.db, bucket, batch, now);
  }
  await store.db
    .insertInto('sync_tag')
    .values(
      TAG_CODES.map((tag) => ({
        bucket,
        tag,
        backfill_from_ms: now - 30 * DAY,
        backfill_at_ms: now,
        backfill_until_ms: now,
        backfill_done: true,
        follow_ms: now,
        followed_at_ms: 0,
      })),
    )
    .execute();
  console.log(`filled ${dir} with ${count} jobs of ${bucket}`);
} finally {
  await store.close();
}
