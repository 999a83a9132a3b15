/**
 * Bench P2's floor route: closed unless the server was started with BENCH_FLOOR_ROUTE=on, and then
 * a constant JSON body of exactly the size asked, with a 400 naming `bytes` for anything else.
 */
import { describe, expect, it } from 'vitest';

import { GET } from '@/app/api/bench/floor/route';
import { benchFloorRoute } from '@/server/api/bench-floor';

const ask = (query: string, env: Record<string, string>) =>
  benchFloorRoute(new Request(`http://localhost/api/bench/floor?${query}`), env);

describe('GET /api/bench/floor', () => {
  it('is a 404 in normal use: no flag, or the flag off', () => {
    expect(process.env.BENCH_FLOOR_ROUTE).toBeUndefined();
    expect(GET(new Request('http://localhost/api/bench/floor?bytes=100')).status).toBe(404);
    expect(ask('bytes=100', { BENCH_FLOOR_ROUTE: 'off' }).status).toBe(404);
  });

  it('answers N bytes of JSON, the same bytes each time, with the flag on', async () => {
    for (const n of [16, 1000, 68_000]) {
      const res = ask(`bytes=${n}`, { BENCH_FLOOR_ROUTE: 'on' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(bytes.byteLength).toBe(n);
      expect(Object.keys(JSON.parse(new TextDecoder().decode(bytes)) as object)).toEqual(['filler']);
      expect(await ask(`bytes=${n}`, { BENCH_FLOOR_ROUTE: 'on' }).text()).toBe(new TextDecoder().decode(bytes));
    }
  });

  it('names `bytes` when it is missing, repeated, out of range or not a number', async () => {
    for (const query of ['', 'bytes=', 'bytes=15', 'bytes=9999999', 'bytes=1e3', 'bytes=10&bytes=20', 'bytes=-5']) {
      const res = ask(query, { BENCH_FLOOR_ROUTE: 'on' });
      expect(res.status, query).toBe(400);
      expect(((await res.json()) as { error: { field: string } }).error.field).toBe('bytes');
    }
  });

  it('refuses a flag it cannot read with a 500 naming the variable', async () => {
    const res = ask('bytes=100', { BENCH_FLOOR_ROUTE: 'maybe' });
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).toContain('BENCH_FLOOR_ROUTE');
  });
});
