/**
 * The read cache replicas share (server/ci/shared-reads) on a real PostgreSQL server
 * (TEST_DATABASE_URL): two "processes" — two SharedReads, each behind its own CoalescingCache — on
 * one database.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CoalescingCache } from '@/server/ci/coalesce';
import { SharedReads } from '@/server/ci/shared-reads';
import type { JobStore } from '@/server/index/store';

import { resetStore, storeTargets } from '../index/stores';

const postgres = storeTargets.find((t) => t.name === 'postgres');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!postgres)('shared reads across processes', () => {
  let store: JobStore;
  beforeAll(async () => {
    store = await postgres!.open();
  }, 120_000);
  afterAll(() => store?.close());
  beforeEach(() => resetStore(store));

  const replica = (claimTimeoutMs = 5_000, ttlMs = 1_000) => {
    const shared = new SharedReads({ db: () => Promise.resolve(store.db), claimTimeoutMs, pollMs: 10 });
    return new CoalescingCache<{ page: number }>(ttlMs, undefined, undefined, {
      get: (key, ttl, load) => shared.get(SharedReads.key('bucket', key), ttl, load),
    });
  };

  it('60 readers over three processes cost one call per window, and all get its answer', async () => {
    const replicas = [replica(), replica(), replica()];
    let calls = 0;
    const load = async () => {
      calls++;
      await sleep(100); // CI takes a while: everyone else arrives during the call
      return { page: calls };
    };
    const round = () => Promise.all(Array.from({ length: 60 }, (_, i) => replicas[i % 3]!.get('/jobs?tag=A', load)));
    expect(new Set((await round()).map((a) => a.page))).toEqual(new Set([1]));
    expect(calls).toBe(1);
    // Within the window, from any process: no call.
    expect(await replica().get('/jobs?tag=A', load)).toEqual({ page: 1 });
    expect(calls).toBe(1);
    // The next window: one call again.
    await sleep(1_100);
    expect(new Set((await round()).map((a) => a.page))).toEqual(new Set([2]));
    expect(calls).toBe(2);
    // Another read is another key.
    await replicas[0]!.get('/jobs?tag=B', load);
    expect(calls).toBe(3);
  });

  it('does not keep a failure: the waiting process asks once itself', async () => {
    const [a, b] = [replica(), replica()];
    let calls = 0;
    const failing = async () => {
      calls++;
      await sleep(100);
      throw new Error('CI is down');
    };
    const working = () => {
      calls++;
      return Promise.resolve({ page: 7 });
    };
    const first = a.get('/jobs?tag=A', failing);
    await sleep(30);
    const second = b.get('/jobs?tag=A', working);
    await expect(first).rejects.toThrow('CI is down');
    expect(await second).toEqual({ page: 7 });
    expect(calls).toBe(2);
    expect(await store.db.selectFrom('ci_reads').select('owner').execute()).toHaveLength(1);
  });

  it('takes over the claim of a process that died mid-call, once the claim is older than a call can take', async () => {
    const dead = new SharedReads({ db: () => Promise.resolve(store.db), claimTimeoutMs: 300, pollMs: 10 });
    // Claimed and never answered: the process is gone.
    void dead.get(SharedReads.key('bucket', '/jobs?tag=A'), 1_000, () => new Promise<never>(() => undefined));
    await sleep(50);
    let calls = 0;
    const started = Date.now();
    const answer = await replica(300).get('/jobs?tag=A', () => {
      calls++;
      return Promise.resolve({ page: 3 });
    });
    expect(answer).toEqual({ page: 3 });
    expect(calls).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });
});
