/**
 * "Load all" with the job index live (a production server of its own with the index on, over the
 * emulator's demo set of 2,000 jobs): one streamed answer of the index (GET /api/jobs/export?format=ndjson)
 * fills the table with every job of the view, once each and in the list's order — no paging through
 * CI. Without the index it pages (tests/e2e/jobs-accumulate.spec.ts, on the suite's INDEX=off server).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { settledWindow } from './collect';
import { settledRows } from './helpers';
import { INDEXED_APP_ENV, startAppProcess, type Started } from './support/servers';

test.describe.configure({ mode: 'serial', timeout: 300_000 });

let dataDir: string;
let app: Started;
test.beforeAll(async ({ request }) => {
  // The server syncs its index from the emulator before it is live: on a loaded machine, minutes.
  test.setTimeout(300_000);
  dataDir = mkdtempSync(path.join(tmpdir(), 'index-load-all-e2e-'));
  app = await startAppProcess({ ...INDEXED_APP_ENV, DASHBOARD_DATA_DIR: dataDir });
  const state = async () => {
    try {
      return ((await (await request.get(`${app.url}/api/health`)).json()) as { index: { state: string } }).index.state;
    } catch (error) {
      return `unreachable: ${(error as Error).message.split('\n')[0]}`;
    }
  };
  await expect.poll(state, { timeout: 240_000, intervals: [1000] }).toBe('live');
});
test.afterEach(async ({}, testInfo) => {
  if (testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server log', { body: app.log() });
});
test.afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every job ID of a list, page by page through CI (what paging would end with). */
async function pagedIds(request: APIRequestContext, query: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null = null;
  do {
    const res = await request.get(
      `${app.url}/api/jobs?${query}${token ? `&nextToken=${encodeURIComponent(token)}` : ''}`,
    );
    expect(res.ok(), await res.text()).toBe(true);
    const page = (await res.json()) as { jobs: { jobId: string }[]; nextToken: string | null };
    ids.push(...page.jobs.map((j) => j.jobId));
    token = page.nextToken;
  } while (token);
  return ids;
}

/** The IDs of every loaded row in the table's order, read by scrolling the (virtualized) table through. */
function loadedIds(page: Page): Promise<string[]> {
  return page.getByTestId('jobs-table-scroller').evaluate(async (scroller) => {
    const byIndex = new Map<number, string>();
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    scroller.scrollTop = 0;
    for (;;) {
      for (let i = 0; i < 3; i++) await frame();
      for (const tr of scroller.querySelectorAll('tbody tr[data-row-id]'))
        byIndex.set(Number(tr.getAttribute('aria-rowindex')), tr.getAttribute('data-row-id')!);
      if (scroller.scrollTop >= scroller.scrollHeight - scroller.clientHeight - 1) break;
      scroller.scrollTop += scroller.clientHeight / 2;
    }
    return [...byIndex].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  });
}

test('Load all reads one streamed answer of the index: every job of the view once, in order', async ({
  page,
  request,
}) => {
  // A settled window (ending a day ago): the emulator keeps creating and finishing jobs.
  const { from, to } = settledWindow(24, 24 * 30);
  const expected = await pagedIds(
    request,
    `tag=Transcode&orderByTime=Asc&size=100&startCreationTime=${from}&endCreationTime=${to}`,
  );
  expect(expected.length).toBeGreaterThan(100);

  await page.goto(`${app.url}/jobs?tag=Transcode&order=asc&size=20&range=custom&from=${from}&to=${to}`);
  await settledRows(page);
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/jobs')) asked.push(`${url.pathname}${url.search}`);
  });
  await page.getByTestId('load-all').click();
  const status = page.getByTestId('accumulate-status');
  await expect(status).toHaveText(
    `${expected.length.toLocaleString('en')} loaded from the job index · end of the list`,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  expect(await loadedIds(page)).toEqual(expected);

  // One answer, no paging: a single streamed request, and no list page asked with a token.
  const streamed = asked.filter((a) => a.startsWith('/api/jobs/export?'));
  expect(streamed).toHaveLength(1);
  expect(new URLSearchParams(streamed[0]!.split('?')[1]).get('format')).toBe('ndjson');
  expect(asked.filter((a) => /[?&](nextToken|cursor)=/.test(a))).toEqual([]);
  await expect(page.getByTestId('load-all')).toHaveCount(0);

  // The stream itself: NDJSON, one job a line, the same jobs.
  const res = await request.get(
    `${app.url}/api/jobs/export?format=ndjson&tag=Transcode&orderByTime=Asc&startCreationTime=${from}&endCreationTime=${to}`,
  );
  expect(res.headers()['content-type']).toMatch(/^application\/x-ndjson/);
  const lines = (await res.text()).split('\n');
  expect(lines.pop()).toBe('');
  expect(lines.map((l) => (JSON.parse(l) as { jobId: string }).jobId)).toEqual(expected);

  // Back to one page, and live refresh resumes.
  await page.getByTestId('load-exit').click();
  await expect(status).toHaveCount(0);
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('aria-rowcount', '21');
});

test('an answer cut short keeps the rows it gave; Load more reads it again, each job once and in order', async ({
  page,
  request,
}) => {
  const { from, to } = settledWindow(24, 24 * 30);
  const query = `tag=Transcode&orderByTime=Asc&startCreationTime=${from}&endCreationTime=${to}`;
  const expected = await pagedIds(request, `${query}&size=100`);
  expect(expected.length).toBeGreaterThan(150);
  // The first answer stops inside its 151st job (the server's own lines, cut there).
  const full = await (await request.get(`${app.url}/api/jobs/export?format=ndjson&${query}`)).text();
  const lines = full.split('\n');
  let cut = true;
  await page.route('**/api/jobs/export?*', async (route) => {
    if (!cut) return route.fallback();
    cut = false;
    await route.fulfill({
      status: 200,
      contentType: 'application/x-ndjson',
      body: `${lines.slice(0, 150).join('\n')}\n${lines[150]!.slice(0, 40)}`,
    });
  });

  await page.goto(`${app.url}/jobs?tag=Transcode&order=asc&size=20&range=custom&from=${from}&to=${to}`);
  await settledRows(page);
  await page.getByTestId('load-all').click();
  await expect(page.getByRole('alert').filter({ hasText: 'Loading stopped' })).toContainText('StreamCut');
  await expect(page.getByTestId('jobs-table')).toHaveAttribute('aria-rowcount', '151');

  await page.getByTestId('load-more').click();
  await expect(page.getByTestId('accumulate-status')).toHaveText(
    `${expected.length.toLocaleString('en')} loaded from the job index · end of the list`,
    { timeout: 30_000 },
  );
  expect(await loadedIds(page)).toEqual(expected);
});

test('a bad format is refused with the field named', async ({ request }) => {
  const res = await request.get(`${app.url}/api/jobs/export?format=xml&tag=Transcode`);
  expect(res.status()).toBe(400);
  expect(((await res.json()) as { error: { field: string } }).error.field).toBe('format');
});
