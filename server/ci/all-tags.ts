/**
 * "All tags": CI lists one tag per query, so this asks every tag (a few at a time), merges the
 * answers by creation time and pages them with one combined cursor.
 *
 * The cursor holds, for each tag, where the next item starts: the NextToken of the CI page it is on
 * and how many of that page were already shown. A page of the merged list is a k-way merge of the
 * tags' heads, so each tag's own order is kept and nothing is skipped or shown twice; a tag that
 * took no part keeps its position. Each tag is asked for at most `size` items, enough for any page.
 *
 * The cursor goes to the browser and comes back, so it is signed (HMAC-SHA256 with a key derived
 * from the session key, see cursorKey) and every NextToken in it is checked as /api/jobs checks
 * `nextToken`: an altered or forged cursor is refused before anything reaches CI. A cursor signed
 * by another process (another key: a restart without DASHBOARD_SESSION_SECRET, or a replica with
 * a different one) is refused the same way, as a 400 naming `cursor`.
 */
import 'server-only';

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { NEXT_TOKEN_PATTERN, type ListJobsParams } from '@/lib/ci/params';
import { TAG_CODES, type Tag } from '@/lib/ci/tags';
import type { AllTagsPage, JobListItem } from '@/lib/ci/types';
import { serverConfig } from '@/server/config';

import { mapLimited, type CiClient } from './client';

export interface TagPosition {
  /** NextToken of the CI page the next item is on; '' for the first page. */
  t: string;
  /** Items of that page already shown. */
  o: number;
}

interface Cursor {
  v: 1;
  /** Positions of tags not yet exhausted; a tag absent from it is done. */
  p: Partial<Record<Tag, TagPosition>>;
  /** The bucket the NextTokens were issued in (absent: the default bucket, or one-bucket use). */
  s?: string;
  /** Fingerprint of the filters the NextTokens were issued for (all but the page size). */
  f?: string;
}

export type AllTagsParams = Omit<ListJobsParams, 'tag' | 'nextToken'>;

export type { AllTagsPage };

export class CursorError extends Error {
  override readonly name = 'CursorError';
}

const keys = new WeakMap<Uint8Array, Buffer>();

/**
 * The key cursors are signed with: derived from this process's session key (DASHBOARD_SESSION_SECRET,
 * or the random one made at start), so processes sharing that secret accept each other's cursors
 * and nothing else can make one. Derived, not the session key itself, so a cursor's MAC can never
 * stand in for a session signature.
 */
export function cursorKey(sessionKey: Uint8Array = serverConfig().auth.sessionKey): Buffer {
  let key = keys.get(sessionKey);
  if (!key) {
    key = createHmac('sha256', sessionKey).update('ci-jobs-dashboard/all-tags-cursor/v1').digest();
    keys.set(sessionKey, key);
  }
  return key;
}

const mac = (payload: string, key: Uint8Array) => createHmac('sha256', key).update(payload).digest();

/** `<payload>.<mac>`, both base64url. */
export function encodeCursor(c: Cursor, key: Uint8Array = cursorKey()): string {
  const payload = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${payload}.${mac(payload, key).toString('base64url')}`;
}

const NOT_OURS =
  'cursor is not one this dashboard made (or the server has restarted since); start again from the first page';

/** The payload of a cursor whose MAC checks out, else CursorError. */
function verified(value: string, key: Uint8Array): string {
  const dot = value.indexOf('.');
  if (dot <= 0) throw new CursorError(NOT_OURS);
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1), 'base64url');
  const expected = mac(payload, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CursorError(NOT_OURS);
  return payload;
}

/**
 * The filters a cursor belongs to, in short: CI's NextTokens are only good for the query they came
 * from, so a cursor carried to other filters is refused here with a clear message rather than sent
 * to CI. The page size is left out: the per-tag offsets work with any size.
 */
export function filtersFingerprint(params: AllTagsParams): string {
  const keys = (Object.keys(params) as (keyof AllTagsParams)[]).filter((k) => k !== 'size').sort();
  const canonical = JSON.stringify(keys.map((k) => [k, params[k]]));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 12);
}

/**
 * `scope`: what the cursor's NextTokens belong to (the bucket); `filters`: their fingerprint. A
 * cursor made for another bucket or other filters is refused.
 */
export function decodeCursor(
  value: string | undefined,
  scope = '',
  filters?: string,
  key: Uint8Array = cursorKey(),
): Cursor {
  if (!value) {
    return {
      v: 1,
      p: Object.fromEntries(TAG_CODES.map((t) => [t, { t: '', o: 0 }])),
      ...(scope ? { s: scope } : {}),
      ...(filters ? { f: filters } : {}),
    };
  }
  const payload = verified(value, key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new CursorError(NOT_OURS);
  }
  const c = parsed as Cursor;
  if (typeof c !== 'object' || c === null || c.v !== 1 || typeof c.p !== 'object' || c.p === null) {
    throw new CursorError(NOT_OURS);
  }
  // Checked even though signed: a NextToken goes to CI, so it meets the rules of /api/jobs's nextToken
  // (a CI token that does not is refused here rather than sent back).
  for (const [tag, pos] of Object.entries(c.p)) {
    if (
      !(TAG_CODES as readonly string[]).includes(tag) ||
      typeof pos?.t !== 'string' ||
      (pos.t !== '' && !NEXT_TOKEN_PATTERN.test(pos.t)) ||
      !Number.isInteger(pos.o) ||
      pos.o < 0 ||
      pos.o > 100
    ) {
      throw new CursorError(NOT_OURS);
    }
  }
  if ((c.s ?? '') !== scope) throw new CursorError('cursor belongs to another bucket; start again from the first page');
  if (filters !== undefined && c.f !== filters)
    throw new CursorError('cursor belongs to other filters; start again from the first page');
  return c;
}

interface Candidate {
  job: JobListItem;
  /** The position just after this item. */
  after: TagPosition;
}

/** Up to `size` items of one tag from its position, reading a second CI page when the first runs out. */
async function candidatesOf(client: CiClient, params: AllTagsParams, tag: Tag, from: TagPosition, size: number) {
  const out: Candidate[] = [];
  let token = from.t;
  let skip = from.o;
  let more = true;
  for (let pages = 0; pages < 2 && out.length < size && more; pages++) {
    const page = await client.listJobs({ ...params, tag, size, ...(token ? { nextToken: token } : {}) });
    page.jobs.slice(skip).forEach((job, i) => out.push({ job, after: { t: token, o: skip + i + 1 } }));
    more = Boolean(page.nextToken) && page.jobs.length > 0;
    // Once a page is used up, the next item starts the next page.
    if (out.length > 0 && out.at(-1)!.after.o === page.jobs.length && more)
      out.at(-1)!.after = { t: page.nextToken!, o: 0 };
    token = page.nextToken ?? '';
    skip = 0;
  }
  return { candidates: out.slice(0, size), exhausted: !more && out.length <= size };
}

export async function listAllTags(
  client: CiClient,
  params: AllTagsParams,
  cursorValue: string | undefined,
  options: { concurrency?: number; scope?: string; key?: Uint8Array } = {},
): Promise<AllTagsPage> {
  const size = params.size ?? 10;
  const key = options.key ?? cursorKey();
  const cursor = decodeCursor(cursorValue, options.scope, filtersFingerprint(params), key);
  const tags = TAG_CODES.filter((t) => cursor.p[t]);
  const lists = await mapLimited(tags, options.concurrency ?? 4, (tag) =>
    candidatesOf(client, params, tag, cursor.p[tag]!, size),
  );

  const asc = params.orderByTime === 'Asc';
  const timeOf = (j: JobListItem) => (j.creationTime ? Date.parse(j.creationTime) : 0);
  const heads = lists.map(() => 0);
  const jobs: JobListItem[] = [];
  const next: Cursor = { ...cursor, p: { ...cursor.p } };
  while (jobs.length < size) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      const c = lists[i]!.candidates[heads[i]!];
      if (!c) continue;
      const bestC = best >= 0 ? lists[best]!.candidates[heads[best]!] : undefined;
      // Ties go to the tag listed first, so the order is total and the same on every page.
      if (!bestC || (asc ? timeOf(c.job) < timeOf(bestC.job) : timeOf(c.job) > timeOf(bestC.job))) best = i;
    }
    if (best < 0) break;
    const taken = lists[best]!.candidates[heads[best]!]!;
    heads[best]! += 1;
    jobs.push(taken.job);
    next.p[tags[best]!] = taken.after;
  }
  for (let i = 0; i < tags.length; i++) {
    const list = lists[i]!;
    if (list.exhausted && heads[i] === list.candidates.length) delete next.p[tags[i]!];
  }
  const pendingTags = Object.keys(next.p).length;
  return { jobs, cursor: pendingTags > 0 ? encodeCursor(next, key) : null, pendingTags };
}
