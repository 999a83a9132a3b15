/**
 * The sync of one bucket into the index. Each cycle (every INDEX_POLL_MS):
 *
 * 1. follow — per tag, list what was created since the tag's checkpoint minus an overlap (jobs that
 *    appear late, and the state changes of the newest jobs), ascending; busy tags (something new at
 *    their last follow) every cycle, also while backfilling; quiet ones every other cycle when live
 *    (half of them in each: a job in a rare tag is still listed within two windows, and 25 quiet
 *    tags cost 12 or 13 calls a cycle, not 25) — every cycle when the last one's calls outran the
 *    poll, as two such cycles would be more than two windows —, once a minute when dormant (no job
 *    created in the last hour: most buckets use a few of the 25 tags), every five minutes while
 *    backfilling, when those calls are the backfill's and the pages answer from CI (the cycle that
 *    ends the backfill follows them before the index says live);
 * 2. refresh — per tag holding unfinished jobs the follow did not just list again: list CI's
 *    Submitted/Running (and, every few minutes, Pause) jobs of that span; a job the index holds as
 *    unfinished that CI no longer lists that way is read again — by ID, ten per GET /jobs/<ids>, or
 *    by listing its span when that takes fewer calls; at most a share of the cycle's calls (a fifth
 *    when live, a tenth and each tag at most once a minute while backfilling), the tags checked
 *    longest ago first, the rest at the next cycle; it comes after the follow, so it never holds a
 *    new job back, it only lengthens the cycle by its share;
 * 3. backfill — with what is left of the cycle, and at least a fifth of a poll's calls (25 busy
 *    tags would leave it none: their follow alone is the whole default budget), per tag, ascending
 *    creation time from INDEX_BACKFILL_DAYS ago to the instant the sync first started, resumable
 *    from its checkpoint; every call a full page, the next one asked for while the last is written.
 *
 * Freshness (status().freshAt, the lag /api/health reports) is when the oldest last complete follow
 * among the tags not dormant was sent to CI: the index holds every job of theirs CI listed before
 * then, so the reported lag is never less than the lag as CI sees it (but for a dormant tag's first
 * new job, which may take a minute). It moves on with each follow: one cycle's length for busy
 * tags, two for quiet ones. While backfilling, the quiet tags (followed every five
 * minutes by design, pages answering from CI) are left out of it.
 *
 * Every page is written with its checkpoint in one transaction (server/index/write.ts), after CI's
 * answer was read whole: a truncated or broken page throws in the client and nothing of it is
 * stored. Calls wait for the bucket's budget (INDEX_CI_QPS); 429, 5xx, timeouts and unreadable
 * answers are retried with a growing pause, and a cycle that still fails resumes from the
 * checkpoints at the next one.
 */
import 'server-only';

import { sql, type Transaction } from 'kysely';

import { formatCiTime, type ListJobsParams } from '@/lib/ci/params';
import { TAG_CODES, type StateFilter, type Tag } from '@/lib/ci/tags';
import type { JobListItem, JobPage } from '@/lib/ci/types';
import { toMs } from '@/lib/format';
import type { CiClient } from '@/server/ci/client';
import { CiError } from '@/server/ci/errors';
import { toListItem } from '@/server/ci/xml';

import { CallBudget } from './budget';
import { EVENTS_KEEP_MS, pruneEvents } from './events';
import type { IndexDatabase, SyncTagTable } from './schema';
import type { JobStore } from './store';
import { pruneBefore, writeJobs } from './write';

const DAY_MS = 86_400_000;
/** Re-listed at each follow: jobs whose creation time is older than their appearance in the list. */
export const FOLLOW_OVERLAP_MS = 10_000;
/**
 * The pause between follows of a tag that had nothing new, while the backfill runs: the pages
 * answer from CI until the index is live, so the calls a quiet tag's follow would take go to the
 * backfill (about 8 % of the budget with 25 tags). Once live, a quiet tag waits one cycle.
 */
const QUIET_WHILE_BACKFILLING_MS = 300_000;
/**
 * A quiet tag none of whose jobs was created in this long is dormant — most buckets use a few of
 * CI's 25 tags — and is followed once a minute rather than every other cycle: an idle bucket then
 * costs CI about 0.4 calls/s, not 2.5. Its first new job is listed within a minute, and from then
 * on the tag is followed every cycle again.
 */
export const DORMANT_AFTER_MS = 3_600_000;
const DORMANT_EVERY_MS = 60_000;
/** Paused jobs rarely move: asked about this often. */
const PAUSE_EVERY_MS = 300_000;
const PRUNE_EVERY_MS = 3_600_000;
/** The change log (events.ts) keeps minutes, so it is trimmed every minute. */
const EVENTS_PRUNE_EVERY_MS = 60_000;
const MAX_TRIES = 6;
const MAX_PAGES_PER_WALK = 100_000;
/**
 * The share of a cycle's CI calls the refresh of unfinished jobs may take; the rest wait a cycle.
 * A fifth when live: 25 busy tags take the whole budget (5 calls/s × 5 s), and each refresh call
 * lengthens the cycle — and so the lag — by 1/INDEX_CI_QPS s. While backfilling, a tenth, and a tag
 * at most once a minute: the backfill's pages are what the index lacks most.
 */
export const REFRESH_SHARE = 0.2;
export const REFRESH_SHARE_WHILE_BACKFILLING = 0.1;
const REFRESH_EVERY_WHILE_BACKFILLING_MS = 60_000;
/**
 * The least of a cycle the backfill gets, as a share of the poll: a cycle of 25 busy tags' follows
 * (5 s at 5 calls/s) then runs 1 s longer — a lag of about 6 s, within two polls — and the backfill
 * still moves at 100 jobs/s.
 */
export const BACKFILL_SHARE = 0.2;

export interface SyncSettings {
  backfillDays: number;
  pollMs: number;
  ciQps: number;
  retentionDays: number;
}

export interface SyncOptions {
  store: JobStore;
  bucket: string;
  /** A client for this bucket; the sync does its own retries, so one with maxRetries 0 is best. */
  client: CiClient;
  settings: SyncSettings;
  /** Wall clock (ms) for creation-time bounds and checkpoints; injectable for tests. */
  now?: () => number;
  /** Pause between retries and cycles; injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
  /** The tags to index; default every tag CI knows. */
  tags?: readonly Tag[];
  budget?: CallBudget;
  log?: (message: string) => void;
}

/** A follow's first page, asked for ahead, and when. */
interface FollowStart {
  at: number;
  page: Promise<JobPage>;
}

export type IndexState = 'starting' | 'backfilling' | 'live' | 'behind';

export interface SyncStatus {
  state: IndexState;
  /** 0–1: how much of the backfill span is stored. */
  backfillProgress: number;
  /** When the last complete follow-and-refresh started: the index is current as of then. */
  freshAt: number | null;
  lastError: string | null;
  ciCallsLastHour: number;
}

export class BucketSync {
  readonly bucket: string;
  private readonly store: JobStore;
  private readonly client: CiClient;
  private readonly settings: SyncSettings;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly tags: readonly Tag[];
  readonly budget: CallBudget;
  private readonly log: (message: string) => void;
  private lastError: string | null = null;
  private pausedAt = 0;
  private prunedAt = 0;
  private eventsPrunedAt = 0;
  private stopped = false;
  private running: Promise<void> | null = null;
  private progress = 0;
  private backfilling = true;
  /** The tags whose last follow found nothing new (followDue). */
  private readonly quiet = new Set<string>();
  /** The quiet tags with no job created in DORMANT_AFTER_MS (left out of the reported lag). */
  private readonly dormant = new Set<string>();
  /** Cycles run so far, and the one in which each tag was last followed. */
  private cycles = 0;
  /** How long the last cycle's follow and refresh took (its calls, at the budget's pace). */
  private workMs = 0;
  /** When the cycle under way (or the last one) started. */
  private cycleAt: number | null = null;
  private readonly followedCycle = new Map<string, number>();
  /** When each tag's unfinished jobs were last checked with CI (refresh goes oldest first). */
  private readonly refreshedAt = new Map<string, number>();
  /** When each tag's last complete follow was sent to CI (freshness, see above). */
  private readonly followStarted = new Map<string, number>();
  /** CI calls made so far (the refresh's share of a cycle is counted with it). */
  private calls = 0;
  /** The count of calls at which this cycle's refresh share is used. */
  private refreshLimit = 0;
  /** IDs a WorkflowFinish callback named: read by ID at the next cycle. */
  private readonly requested = new Set<string>();

  constructor(options: SyncOptions) {
    this.bucket = options.bucket;
    this.store = options.store;
    this.client = options.client;
    this.settings = options.settings;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.tags = options.tags ?? TAG_CODES;
    this.budget = options.budget ?? new CallBudget(options.settings.ciQps);
    this.log = options.log ?? ((m) => console.log(`[index] ${m}`));
  }

  status(): SyncStatus {
    const freshAt = this.freshAt();
    const lag = freshAt === null ? Infinity : this.now() - freshAt;
    return {
      state:
        freshAt === null
          ? 'starting'
          : this.backfilling
            ? 'backfilling'
            : lag <= 2 * this.settings.pollMs + 1000
              ? 'live'
              : 'behind',
      backfillProgress: this.progress,
      freshAt,
      lastError: this.lastError,
      ciCallsLastHour: this.budget.callsLastHour(),
    };
  }

  /** Asks for these jobs by ID at the next cycle (a workflow callback names its jobs, not their fields). */
  request(ids: readonly string[]) {
    for (const id of ids) if (this.requested.size < 1000) this.requested.add(id);
  }

  /**
   * Reads where a previous run left off, so a restarted server reports (and answers from) what it
   * already holds — `behind` rather than `starting` while CI cannot be reached.
   */
  async resume(): Promise<void> {
    const rows = await this.store.db.selectFrom('sync_tag').selectAll().where('bucket', '=', this.bucket).execute();
    if (rows.length === 0) return;
    // Each tag's last follow as written down (when it was sent): the lag counts from the oldest.
    for (const r of rows)
      if (r.followed_at_ms > 0 && !this.followStarted.has(r.tag)) this.followStarted.set(r.tag, r.followed_at_ms);
    this.updateProgress(rows.length < this.tags.length ? [] : rows);
    if (rows.length < this.tags.length) this.backfilling = true;
  }

  /** Runs cycles until stop(): each starts INDEX_POLL_MS after the previous one started. */
  start() {
    if (this.running) return;
    // A sync stopped when its process lost the lead starts again when it wins it back.
    this.stopped = false;
    this.running = (async () => {
      await this.resume().catch(() => undefined);
      while (!this.stopped) {
        const started = this.now();
        try {
          await this.cycle();
        } catch (error) {
          this.lastError = describe(error);
          this.log(`${this.bucket}: sync cycle failed, resuming from its checkpoints: ${this.lastError}`);
        }
        const left = this.settings.pollMs - (this.now() - started);
        if (!this.stopped && left > 0) await this.sleep(left);
      }
    })();
  }

  async stop() {
    this.stopped = true;
    await this.running;
    this.running = null;
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  /**
   * One cycle: follow, refresh, then backfill until `deadline` (default: the next cycle's start).
   * Throws when CI keeps failing; what was stored until then stays, with its checkpoints.
   */
  async cycle({ deadline }: { deadline?: number } = {}): Promise<void> {
    const started = this.now();
    const end = deadline ?? started + this.settings.pollMs;
    const positions = await this.positions(started);
    this.cycles += 1;
    this.cycleAt = started;
    const followed = new Set<string>();
    await this.followEach(
      positions.filter((p) => this.followDue(p, started)),
      followed,
    );
    await this.refresh(positions, started, followed);
    await this.lookUpRequested();
    this.workMs = this.now() - started;
    this.lastError = null;
    // Unless told otherwise (tests), the backfill's least share of the cycle even when the follow took it all.
    const until = deadline ?? Math.max(end, this.now() + BACKFILL_SHARE * this.settings.pollMs);
    for (const p of positions) {
      if (p.backfill_done) continue;
      if (this.now() >= until || this.stopped) break;
      await this.backfill(p, until);
    }
    // The backfill ended in this cycle: the tags it let wait are followed now, so that the index is
    // current for every tag when it says live.
    if (this.backfilling && positions.every((p) => p.backfill_done))
      await this.followEach(
        positions.filter((p) => !followed.has(p.tag)),
        followed,
      );
    this.updateProgress(positions);
    if (started - this.eventsPrunedAt >= EVENTS_PRUNE_EVERY_MS) {
      this.eventsPrunedAt = started;
      await pruneEvents(this.store.db, started - EVENTS_KEEP_MS);
    }
    if (started - this.prunedAt >= PRUNE_EVERY_MS) {
      this.prunedAt = started;
      const removed = await pruneBefore(this.store.db, this.bucket, started - this.settings.retentionDays * DAY_MS);
      if (removed > 0)
        this.log(`${this.bucket}: pruned ${removed} jobs older than ${this.settings.retentionDays} days`);
    }
  }

  /**
   * Follows these tags in turn. The next tag's first page is asked for while this tag's is written:
   * the budget, not the store, sets the follow's pace.
   */
  private async followEach(due: SyncTagTable[], followed: Set<string>) {
    let ahead: FollowStart | null = null;
    for (const [i, p] of due.entries()) {
      const first: FollowStart = ahead ?? this.startFollow(p);
      ahead = i + 1 < due.length ? this.startFollow(due[i + 1]!) : null;
      await this.follow(p, first);
      followed.add(p.tag);
    }
  }

  /** Each tag's checkpoint row; created on the first cycle (the backfill ends where following begins). */
  private async positions(now: number): Promise<SyncTagTable[]> {
    const db = this.store.db;
    const rows = await db.selectFrom('sync_tag').selectAll().where('bucket', '=', this.bucket).execute();
    const have = new Set(rows.map((r) => r.tag));
    const missing = this.tags.filter((t) => !have.has(t));
    if (missing.length > 0) {
      const from = now - this.settings.backfillDays * DAY_MS;
      const fresh = missing.map((tag) => ({
        bucket: this.bucket,
        tag,
        backfill_from_ms: from,
        backfill_at_ms: from,
        backfill_until_ms: now,
        backfill_done: false,
        follow_ms: now,
        followed_at_ms: 0,
      }));
      await db
        .insertInto('sync_tag')
        .values(fresh)
        .onConflict((oc) => oc.columns(['bucket', 'tag']).doNothing())
        .execute();
      rows.push(...fresh);
    }
    const order = new Map(this.tags.map((t, i) => [t, i]));
    return rows
      .filter((r) => order.has(r.tag as Tag))
      .sort((a, b) => order.get(a.tag as Tag)! - order.get(b.tag as Tag)!);
  }

  /**
   * A tag whose last follow found something new is followed every cycle. A quiet one, once live,
   * every other cycle: in the cycles of its parity (tag order), and always when it missed the last
   * one — so quiet tags split into halves, and none waits more than two cycles. That is two poll
   * windows only while cycles keep to the poll: when the last one's calls took longer (the budget
   * is short), quiet tags are followed every cycle too. While backfilling, a quiet tag waits
   * QUIET_WHILE_BACKFILLING_MS.
   */
  private followDue(p: SyncTagTable, now: number): boolean {
    if (!this.quiet.has(p.tag)) return true;
    if (this.backfilling) return now - p.followed_at_ms >= QUIET_WHILE_BACKFILLING_MS;
    if (this.dormant.has(p.tag)) return now - p.followed_at_ms >= DORMANT_EVERY_MS;
    const last = this.followedCycle.get(p.tag) ?? -Infinity;
    return (
      this.cycles - last >= 2 ||
      this.workMs > this.settings.pollMs ||
      (this.cycles + this.tags.indexOf(p.tag as Tag)) % 2 === 0
    );
  }

  /**
   * Live: when the oldest last follow among the tags not dormant was sent, or null before each
   * has been followed once. While backfilling: among the busy tags, and never later than this cycle's start.
   */
  private freshAt(): number | null {
    if (this.followStarted.size === 0) return null;
    let oldest = this.backfilling ? (this.cycleAt ?? Infinity) : Infinity;
    for (const tag of this.tags) {
      if (this.backfilling ? this.quiet.has(tag) : this.dormant.has(tag)) continue;
      const at = this.followStarted.get(tag);
      if (at === undefined) {
        if (this.backfilling) continue;
        return null;
      }
      oldest = Math.min(oldest, at);
    }
    // Live with every tag dormant (an idle bucket): current as of the last cycle, which asked CI
    // about the tags due.
    if (oldest === Infinity) return this.backfilling ? null : this.cycleAt;
    return oldest;
  }

  private followParams(p: SyncTagTable): ListJobsParams {
    const since = Math.max(p.follow_ms, p.backfill_until_ms) - FOLLOW_OVERLAP_MS;
    return { tag: p.tag as Tag, orderByTime: 'Asc', startCreationTime: ciTime(since - 1000) };
  }

  /** Asks for a tag's first follow page now (its checkpoint is its own: no other tag's follow moves it). */
  private startFollow(p: SyncTagTable): FollowStart {
    const start = { at: this.now() } as FollowStart;
    // When the request (its last try) left, after the budget's wait: CI's answer holds what was created before.
    start.page = this.fetchPage(this.followParams(p), null, () => (start.at = this.now()));
    // Handled now, awaited later: a failure while another tag is written is not an unhandled rejection.
    start.page.catch(() => undefined);
    return start;
  }

  private async follow(p: SyncTagTable, first: FollowStart) {
    const before = p.follow_ms;
    await this.walk(
      this.followParams(p),
      async (jobs, trx) => {
        const newest = jobs.reduce((m, j) => Math.max(m, toMs(j.creationTime) ?? 0), p.follow_ms);
        p.follow_ms = newest;
        await trx
          .updateTable('sync_tag')
          .set({ follow_ms: newest })
          .where('bucket', '=', this.bucket)
          .where('tag', '=', p.tag)
          .execute();
      },
      undefined,
      true,
      first.page,
    );
    if (p.follow_ms > before) this.quiet.delete(p.tag);
    else this.quiet.add(p.tag);
    if (this.quiet.has(p.tag) && first.at - p.follow_ms >= DORMANT_AFTER_MS) this.dormant.add(p.tag);
    else this.dormant.delete(p.tag);
    this.followedCycle.set(p.tag, this.cycles);
    this.followStarted.set(p.tag, first.at);
    // Written down for a restart and for replicas that do not lead (their health's lag).
    p.followed_at_ms = first.at;
    await this.store.db
      .updateTable('sync_tag')
      .set({ followed_at_ms: first.at })
      .where('bucket', '=', this.bucket)
      .where('tag', '=', p.tag)
      .execute();
  }

  private async refresh(positions: SyncTagTable[], now: number, followed: ReadonlySet<string>) {
    const withPause = now - this.pausedAt >= PAUSE_EVERY_MS;
    const states: StateFilter[] = withPause ? ['Submitted', 'Running', 'Pause'] : ['Submitted', 'Running'];
    // Within a share of the cycle's calls, in rounds: the tags checked longest ago go first, and
    // what does not fit waits for the next cycle (many unfinished jobs must not starve the follow).
    const share = this.backfilling ? REFRESH_SHARE_WHILE_BACKFILLING : REFRESH_SHARE;
    const cap = Math.max(2, Math.floor(((this.settings.ciQps * this.settings.pollMs) / 1000) * share));
    const limit = this.calls + cap;
    this.refreshLimit = limit;
    const checkedAt = (p: SyncTagTable) => this.refreshedAt.get(p.tag) ?? 0;
    const heldByTag = new Map<SyncTagTable, { job_id: string; created_ms: number }[]>();
    let skipped = false;
    for (const p of [...positions].sort((a, b) => checkedAt(a) - checkedAt(b))) {
      if (this.backfilling && now - checkedAt(p) < REFRESH_EVERY_WHILE_BACKFILLING_MS) {
        skipped = true;
        continue;
      }
      const held = await this.store.db
        .selectFrom('jobs')
        .select(['job_id', 'created_ms'])
        .where('bucket', '=', this.bucket)
        .where('tag', '=', p.tag)
        .where('state', 'in', states)
        // The follow of this cycle listed its overlap again: those jobs are as current as can be.
        .where(
          'created_ms',
          followed.has(p.tag) ? '<' : '<=',
          followed.has(p.tag) ? p.follow_ms - FOLLOW_OVERLAP_MS : p.follow_ms,
        )
        .orderBy('created_ms')
        .limit(2000)
        .execute();
      if (held.length > 0) heldByTag.set(p, held);
      else this.refreshedAt.set(p.tag, now);
    }
    let complete = !skipped;
    // Few unfinished jobs over many tags: asking for them by ID (10 a call, across tags) takes
    // fewer calls than listing each tag's unfinished jobs.
    const all = [...heldByTag.values()].flat();
    if (Math.ceil(all.length / 10) <= heldByTag.size) {
      const ids = all.slice(0, cap * 10).map((h) => h.job_id);
      await this.lookUp(ids);
      let left = ids.length;
      for (const [p, held] of heldByTag) if ((left -= held.length) >= 0) this.refreshedAt.set(p.tag, now);
      complete &&= ids.length === all.length;
    } else {
      for (const [p, held] of heldByTag) {
        if (this.calls >= limit) {
          complete = false;
          break;
        }
        if (!(await this.refreshTag(p, held, states))) complete = false;
        this.refreshedAt.set(p.tag, now);
      }
    }
    if (withPause && complete) this.pausedAt = now;
  }

  /**
   * Lists a tag's unfinished span; the jobs CI no longer lists that way are read again, by ID within
   * what is left of the refresh's share (at least one call, oldest first: the rest are found gone
   * again at the tag's next turn). Returns false when some were left for then.
   */
  private async refreshTag(
    p: SyncTagTable,
    held: { job_id: string; created_ms: number }[],
    states: StateFilter[],
  ): Promise<boolean> {
    const seen = new Set<string>();
    const first = held[0]!.created_ms;
    const last = held[held.length - 1]!.created_ms;
    await this.walk(
      {
        tag: p.tag as Tag,
        orderByTime: 'Asc',
        states,
        startCreationTime: ciTime(first - 1000),
        endCreationTime: ciTime(last + 1000),
      },
      (jobs) => {
        for (const j of jobs) seen.add(j.jobId);
        return Promise.resolve();
      },
    );
    const gone = held.filter((h) => !seen.has(h.job_id));
    if (gone.length === 0) return true;
    // Read them again by ID (10 a call) or by listing their span (100 a call), whichever is fewer calls.
    const from = gone[0]!.created_ms;
    const to = gone[gone.length - 1]!.created_ms;
    const inSpan = await this.store.db
      .selectFrom('jobs')
      .select(sql<number>`count(*)`.as('n'))
      .where('bucket', '=', this.bucket)
      .where('tag', '=', p.tag)
      .where('created_ms', '>=', from)
      .where('created_ms', '<=', to)
      .executeTakeFirst();
    if (Math.ceil((inSpan?.n ?? 0) / 100) + 1 < Math.ceil(gone.length / 10)) {
      await this.walk({
        tag: p.tag as Tag,
        orderByTime: 'Asc',
        startCreationTime: ciTime(from - 1000),
        endCreationTime: ciTime(to + 1000),
      });
      return true;
    }
    // Ten a call, as many calls as the share has left (at least one: the tag was begun within it).
    const ids = gone.map((g) => g.job_id);
    const room = ids.slice(0, 10 * Math.max(1, this.refreshLimit - this.calls));
    await this.lookUp(room);
    return room.length === ids.length;
  }

  /** Reads these jobs now (a callback reaching a replica that does not lead the sync). */
  async lookUpNow(ids: readonly string[]): Promise<void> {
    await this.lookUp(ids.slice(0, 1000));
  }

  private async lookUpRequested() {
    if (this.requested.size === 0) return;
    const ids = [...this.requested];
    this.requested.clear();
    await this.lookUp(ids);
  }

  /** Reads jobs by ID, ten a call (CI's limit), and stores each whole. IDs CI no longer has stay as they were. */
  private async lookUp(ids: readonly string[]) {
    for (let i = 0; i < ids.length; i += 10) {
      const batch = ids.slice(i, i + 10);
      const found = await this.call(() => this.client.getJobsWithXml(batch));
      if (found.jobs.length === 0) continue;
      await writeJobs(
        this.store.db,
        this.bucket,
        found.jobs.map((detail) => ({ item: toListItem(detail.job), detail })),
        this.now(),
      );
    }
  }

  private async backfill(p: SyncTagTable, deadline: number) {
    const params: ListJobsParams = {
      tag: p.tag as Tag,
      orderByTime: 'Asc',
      // CI's bounds are exclusive: one second wider on each side, the upsert makes the overlap harmless.
      startCreationTime: ciTime(p.backfill_at_ms - 1000),
      endCreationTime: ciTime(p.backfill_until_ms + 1000),
    };
    const done = await this.walk(
      params,
      async (jobs, trx) => {
        const at = jobs.reduce((m, j) => Math.max(m, toMs(j.creationTime) ?? 0), p.backfill_at_ms);
        p.backfill_at_ms = at;
        await trx
          .updateTable('sync_tag')
          .set({ backfill_at_ms: at })
          .where('bucket', '=', this.bucket)
          .where('tag', '=', p.tag)
          .execute();
      },
      () => this.now() >= deadline || this.stopped,
      false,
    );
    if (done) {
      p.backfill_done = true;
      await this.store.db
        .updateTable('sync_tag')
        .set({ backfill_done: true, backfill_at_ms: p.backfill_until_ms })
        .where('bucket', '=', this.bucket)
        .where('tag', '=', p.tag)
        .execute();
      this.log(`${this.bucket}: ${p.tag} backfilled`);
    }
  }

  /**
   * Lists every page of a query, storing each page (and the caller's checkpoint) in one
   * transaction. Returns true when the listing ended, false when `stopWhen` cut it short.
   */
  private async walk(
    params: ListJobsParams,
    onPage?: (jobs: JobListItem[], trx: Transaction<IndexDatabase>) => Promise<void>,
    stopWhen?: () => boolean,
    /** false for the backfill: old jobs arriving are no live view's change. */
    publish = true,
    /** The first page, already asked for. */
    first: Promise<JobPage> | null = null,
  ): Promise<boolean> {
    const fetchPage = (token: string | null) => this.fetchPage(params, token);
    let token: string | null = null;
    let next: Promise<JobPage> | null = first;
    for (let pages = 0; pages < MAX_PAGES_PER_WALK; pages++) {
      // A page asked for ahead is paid for: it is stored even when the walk stops here.
      if (next === null && stopWhen?.()) return false;
      const page: JobPage = await (next ?? fetchPage(token));
      next = null;
      // A NextToken may lead to an empty page; an empty or repeated one ends the listing.
      const more = Boolean(page.nextToken) && page.nextToken !== token;
      // Ask for the next page while this one is written: the budget, not the store, sets the pace.
      if (more && !stopWhen?.()) {
        next = fetchPage(page.nextToken);
        // Handled now, awaited later: a failure while this page is written is not an unhandled rejection.
        next.catch(() => undefined);
      }
      if (page.jobs.length > 0) {
        await writeJobs(
          this.store.db,
          this.bucket,
          page.jobs.map((item) => ({ item })),
          this.now(),
          onPage ? (trx) => onPage(page.jobs, trx) : undefined,
          { publish },
        );
      }
      if (!more) return true;
      token = page.nextToken;
    }
    throw new Error(`listing ${params.tag} did not end after ${MAX_PAGES_PER_WALK} pages`);
  }

  /** One page of a listing, always a full one's worth (100, CI's most); `sent` is told when each try leaves. */
  private fetchPage(params: ListJobsParams, token: string | null, sent?: () => void): Promise<JobPage> {
    const query: ListJobsParams = { ...params, size: 100, ...(token ? { nextToken: token } : {}) };
    return this.call(() => {
      sent?.();
      return this.client.listJobs(query);
    });
  }

  /** One CI call within the budget, retried with a growing pause while CI is busy or its answer unreadable. */
  private async call<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      await this.budget.take();
      this.calls += 1;
      try {
        return await run();
      } catch (error) {
        if (!(error instanceof CiError) || !retryable(error) || attempt >= MAX_TRIES || this.stopped) throw error;
        this.lastError = describe(error);
        await this.sleep(Math.min(30_000, 250 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5));
      }
    }
  }

  private updateProgress(positions: SyncTagTable[]) {
    let sum = 0;
    for (const p of positions) {
      const span = p.backfill_until_ms - p.backfill_from_ms;
      sum +=
        p.backfill_done || span <= 0 ? 1 : Math.min(1, Math.max(0, (p.backfill_at_ms - p.backfill_from_ms) / span));
    }
    this.progress = positions.length === 0 ? 1 : sum / positions.length;
    const backfilling = positions.some((p) => !p.backfill_done);
    // Live from now on: every tag is followed at the next cycle, whatever pause the backfill gave it.
    if (this.backfilling && !backfilling) this.quiet.clear();
    this.backfilling = backfilling;
  }
}

/** 429 (CI's SlowDown), 5xx, network failures, timeouts and unreadable answers are worth another try. */
function retryable(error: CiError): boolean {
  return error.kind !== 'ci' || error.status === 429 || (error.status !== null && error.status >= 500);
}

function describe(error: unknown): string {
  return error instanceof CiError
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? error.message
      : String(error);
}

const ciTime = (ms: number) => formatCiTime(ms, 480);
