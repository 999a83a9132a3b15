import { describe, expect, it } from 'vitest';

import { CoalescingCache } from '@/server/ci/coalesce';

describe('CoalescingCache', () => {
  it('expires entries after the TTL and bounds its size', async () => {
    let now = 0;
    const cache = new CoalescingCache<number>(100, 2, () => now);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    now = 101;
    expect(await cache.get('a', load)).toBe(2);
    await cache.get('b', load);
    await cache.get('c', load); // evicts a
    expect(await cache.get('a', load)).toBe(5);
  });

  it('with TTL 0 shares only what is in flight', async () => {
    const cache = new CoalescingCache<number>(0);
    let loads = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++loads), 10));
    const [x, y] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    expect([x, y]).toEqual([1, 1]);
    expect(await cache.get('k', load)).toBe(2);
  });
});
