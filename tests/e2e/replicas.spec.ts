/**
 * Several replicas on one PostgreSQL (issue 12, shared state): three production servers started by
 * the cluster harness (tests/support/cluster.ts, the library of `npm run cluster`), each with its
 * own data directory, sharing a fresh database on the TEST_DATABASE_URL server, one session secret
 * and one CI emulator, whose request log counts every CI call the cluster makes.
 *
 * The replicas stand behind a load balancer as in production: DASHBOARD_TRUSTED_PROXIES=1, and each
 * simulated client names its own address in X-Forwarded-For.
 */
import { expect, test } from '@playwright/test';

import { NO_DATABASE_REASON, startCluster, testDatabaseUrl, type Cluster } from '../support/cluster';
import { passwordHash } from './support/servers';

const PASSWORD = 'correct horse battery staple';
const TAG_QUERY = '/api/jobs?tag=Transcode&size=10';
/** CI_CACHE_TTL_MS of the replicas: one refresh window. */
const TTL_MS = 2_000;

if (!testDatabaseUrl) console.warn(`[replicas] skipped: ${NO_DATABASE_REASON}`);

test.describe('three replicas on one PostgreSQL', () => {
  test.skip(!testDatabaseUrl, NO_DATABASE_REASON);
  test.describe.configure({ mode: 'serial' });

  let cluster: Cluster;
  let cookie = '';

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    cluster = await startCluster({
      replicas: 3,
      emulatorJobs: 2000,
      env: {
        DASHBOARD_USERS: `alice:${passwordHash(PASSWORD)}`,
        DASHBOARD_AUTH: '',
        DASHBOARD_TRUSTED_PROXIES: '1',
        // 2 per second, 6 at once: 6 requests per 3-second window per client.
        DASHBOARD_RATE_LIMIT: '2',
        // The live reads only: no sync making CI calls of its own (the index has its own tests).
        INDEX: 'off',
        CI_CACHE_TTL_MS: String(TTL_MS),
      },
    });
  });
  test.afterAll(async () => {
    await cluster?.stop();
  });

  /** A request from client `address` (as the load balancer reports it), with the session when there is one. */
  const call = (replica: number, path: string, address: string, init: RequestInit = {}) =>
    fetch(`${cluster.urls[replica]}${path}`, {
      ...init,
      redirect: 'manual',
      headers: {
        'x-forwarded-for': address,
        ...(cookie ? { cookie } : {}),
        ...(init.headers as Record<string, string> | undefined),
      },
    });

  test('a login made on A works on B and C, and a sign-out on B ends it on C', async () => {
    const login = await call(0, '/api/auth/login', '198.51.100.1', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: cluster.urls[0]! },
      body: JSON.stringify({ user: 'alice', password: PASSWORD }),
    });
    expect(login.status, await login.clone().text()).toBe(200);
    const session = /ci_dashboard_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(session).toBeTruthy();
    cookie = session!;
    for (const replica of [1, 2]) {
      const res = await call(replica, '/api/views', '198.51.100.1');
      expect(res.status, `replica ${replica + 1}`).toBe(200);
      expect(((await res.json()) as { user: string }).user).toBe('alice');
    }

    // A second session, signed out on B: refused on C at once.
    const other = await call(0, '/api/auth/login', '198.51.100.2', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: cluster.urls[0]! },
      body: JSON.stringify({ user: 'alice', password: PASSWORD }),
    });
    const otherCookie = /ci_dashboard_session=[^;]+/.exec(other.headers.get('set-cookie') ?? '')![0];
    const out = await fetch(`${cluster.urls[1]}/api/auth/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: otherCookie, origin: cluster.urls[1]!, 'x-forwarded-for': '198.51.100.2' },
    });
    expect(out.status).toBeLessThan(400);
    const after = await fetch(`${cluster.urls[2]}/api/views`, {
      headers: { cookie: otherCookie, 'x-forwarded-for': '198.51.100.2' },
    });
    expect(after.status).toBe(401);
  });

  test('a view saved through A is listed by B and C', async () => {
    const put = await call(0, '/api/views', '198.51.100.3', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', origin: cluster.urls[0]! },
      body: JSON.stringify({ name: 'Failed transcodes', query: 'tag=Transcode&states=Failed' }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    for (const replica of [1, 2]) {
      const res = await call(replica, '/api/views', '198.51.100.3');
      expect(((await res.json()) as { views: { name: string }[] }).views.map((v) => v.name)).toEqual([
        'Failed transcodes',
      ]);
    }
    // Deleted through C: gone on A.
    const del = await call(2, `/api/views?name=${encodeURIComponent('Failed transcodes')}`, '198.51.100.3', {
      method: 'DELETE',
      headers: { origin: cluster.urls[2]! },
    });
    expect(del.status).toBe(200);
    const res = await call(0, '/api/views', '198.51.100.3');
    expect(((await res.json()) as { views: unknown[] }).views).toEqual([]);
  });

  /** CI's list calls for the polled query, from the emulator's request log: when each arrived (ms). */
  const ciCalls = () =>
    cluster.emulator
      .requests()
      .filter((r) => r.path === '/jobs' && r.query.some(([k, v]) => k === 'tag' && v === 'Transcode'))
      .map((r) => Date.parse(r.time));

  /**
   * `rounds` rounds of 100 viewers polling the same list at the same moment (as the live refresh
   * aligns them), viewer i on replica i % replicas, each round after the last answer expired. On a
   * busy machine a round of 100 requests can outlast one cache window (CI_CACHE_TTL_MS), so what is
   * measured is the rule itself: no two CI calls within one window, i.e. consecutive calls at least
   * a window apart, and the calls per window that gives.
   */
  async function poll(replicas: number, rounds: number) {
    const seen = ciCalls().length;
    let windows = 0;
    for (let round = 0; round < rounds; round++) {
      await new Promise((r) => setTimeout(r, TTL_MS + 300));
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => call(i % replicas, TAG_QUERY, `10.${replicas}.${round}.${i + 1}`)),
      );
      windows += Math.max(1, Math.ceil((Date.now() - started) / TTL_MS));
      expect(answers.filter((a) => a.status !== 200).map((a) => a.status)).toEqual([]);
      const pages = await Promise.all(answers.map(async (a) => ((await a.json()) as { jobs: unknown[] }).jobs.length));
      expect(new Set(pages)).toEqual(new Set([10]));
    }
    const calls = ciCalls().slice(seen);
    const gaps = calls.slice(1).map((t, i) => t - calls[i]!);
    return { calls: calls.length, windows, minGapMs: gaps.length ? Math.min(...gaps) : null };
  }

  test('100 polling viewers cost at most one CI call per window, on one replica and spread over three', async () => {
    test.setTimeout(150_000);
    const one = await poll(1, 3);
    const three = await poll(3, 3);
    const figure = (r: typeof one) =>
      `${r.calls} CI calls in ${r.windows} windows (${(r.calls / r.windows).toFixed(2)} per window, nearest two ${r.minGapMs} ms apart)`;
    console.log(`[replicas] 100 viewers × 3 rounds — 1 replica: ${figure(one)}; 3 replicas: ${figure(three)}`);
    for (const r of [one, three]) {
      // Every round started cold, so each asked CI at least once …
      expect(r.calls).toBeGreaterThanOrEqual(3);
      // … and never twice in one window: the next call waited for the last answer to expire.
      expect(r.calls).toBeLessThanOrEqual(r.windows);
      expect(r.minGapMs!).toBeGreaterThanOrEqual(TTL_MS - 50);
    }
  });

  test('the rate limit holds across replicas: a client gets its limit once, not once per replica', async () => {
    // 18 requests from one client, 6 to each replica, at once: the limit is 6 per window in all.
    const answers = await Promise.all(Array.from({ length: 18 }, (_, i) => call(i % 3, '/api/views', '192.0.2.77')));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(12);
    for (const refused of answers.filter((a) => a.status === 429)) {
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(3);
    }
    // Another client is not held back by it.
    expect((await call(1, '/api/views', '192.0.2.78')).status).toBe(200);
  });
});
