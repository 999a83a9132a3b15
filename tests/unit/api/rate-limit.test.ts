/**
 * The per-client limits (server/api/rate-limit, rate-limiter-flexible): in memory for one process,
 * and in the shared PostgreSQL table when replicas share a database (TEST_DATABASE_URL).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { RateLimiter } from '@/server/api/rate-limit';
import type { JobStore } from '@/server/index/store';

import { storeTargets } from '../index/stores';

describe('rate limiter in memory', () => {
  afterEach(() => vi.useRealTimers());

  it('allows a burst, refuses the rest of the window saying how long to wait, then allows again', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    // 4 at once, 2 per second on average: 4 per 2-second window.
    const limiter = new RateLimiter(2, 4, { name: 'test' });
    expect(await Promise.all([1, 2, 3, 4].map(() => limiter.take('a')))).toEqual([0, 0, 0, 0]);
    expect(await limiter.take('a')).toBe(2);
    expect(await limiter.take('b')).toBe(0); // per client
    vi.advanceTimersByTime(1500);
    expect(await limiter.take('a')).toBe(1);
    vi.advanceTimersByTime(600);
    expect(await limiter.take('a')).toBe(0);
  });
});

const postgres = storeTargets.find((t) => t.name === 'postgres');

describe.skipIf(!postgres)('rate limiter shared through PostgreSQL', () => {
  let store: JobStore;
  beforeAll(async () => {
    store = await postgres!.open();
  }, 120_000);
  afterAll(() => store?.close());

  it('counts a client once across processes: two limiters on one table give the burst once, not twice', async () => {
    const pool = () => Promise.resolve(store.pgPool!);
    // Two replicas' limiters (each its own object and memory), one table.
    const a = new RateLimiter(10, 30, { name: 'api', pool });
    const b = new RateLimiter(10, 30, { name: 'api', pool });
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).take('203.0.113.7')));
    expect(answers.filter((w) => w === 0)).toHaveLength(30);
    expect(Math.max(...answers)).toBeLessThanOrEqual(3);
    // Another client has its own.
    expect(await b.take('203.0.113.8')).toBe(0);
    const rows = await store.db.selectFrom('rate_limits').select(['key', 'points']).orderBy('key').execute();
    expect(rows).toEqual([
      { key: 'api:203.0.113.7', points: expect.any(Number) as number },
      { key: 'api:203.0.113.8', points: 1 },
    ]);
  });
});
