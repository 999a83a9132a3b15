/**
 * The job index in the production server (Next's build, PGlite as a server-external package): it
 * starts with the server, backfills the embedded emulator and goes live; the overview and index
 * lists answer from it; a restart on the same data directory keeps what was indexed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext } from '@playwright/test';

import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ timeout: 240_000 });

const ENV = INDEXED_APP_ENV;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON, asserted field by field
type Json = Record<string, any>;

async function indexState(request: APIRequestContext, url: string): Promise<Json> {
  try {
    return ((await (await request.get(`${url}/api/health`)).json()) as Json).index;
  } catch (error) {
    return { state: `unreachable: ${(error as Error).message.split('\n')[0]}` };
  }
}

let dataDir: string;
let app: Started | null = null;
test.beforeAll(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'index-e2e-'));
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus && app) await testInfo.attach('server log', { body: app.log() });
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the index backfills, goes live, answers the overview, and outlives a restart', async ({ request }) => {
  app = await startAppProcess({ ...ENV, DASHBOARD_DATA_DIR: dataDir });
  await expect
    .poll(async () => (await indexState(request, app!.url)).state, { timeout: 180_000, intervals: [500] })
    .toBe('live');
  const live = await indexState(request, app.url);
  expect(live.jobs).toBeGreaterThan(500);

  const overview = (await (await request.get(`${app.url}/api/overview?tag=all&timeZone=utc`)).json()) as Json;
  expect(overview.source).toBe('index');
  expect(overview.byTime.buckets.reduce((n: number, b: Json) => n + b.total, 0)).toBe(overview.total);

  const code = (overview.failuresByCode[0]?.code as string | undefined) ?? 'InternalError';
  const listed = (await (await request.get(`${app.url}/api/jobs?tag=all&code=${code}&size=5`)).json()) as Json;
  expect(listed).toMatchObject({ source: 'index' });
  expect(listed.jobs.every((j: Json) => j.code === code)).toBe(true);

  await app.stop();
  app = await startAppProcess({ ...ENV, DASHBOARD_DATA_DIR: dataDir });
  // Kept, not rebuilt: the restarted index never backfills again, and holds every job it held. (Its
  // oldest job's time is no check: the restarted server's embedded emulator makes the same jobs
  // anew around its own start, so a job the sync reads again comes back that many seconds later.)
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        const { state, jobs } = await indexState(request, app!.url);
        seen.add(state);
        if (typeof jobs === 'number') expect(jobs, 'jobs held after the restart').toBeGreaterThanOrEqual(live.jobs);
        return state;
      },
      { timeout: 120_000, intervals: [500] },
    )
    .toBe('live');
  expect([...seen], 'states after the restart').not.toContain('backfilling');
  const again = await indexState(request, app.url);
  expect(again.jobs).toBeGreaterThanOrEqual(live.jobs);
});
