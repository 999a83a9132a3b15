import http from 'node:http';

import { expect, test } from '@playwright/test';

import type { Health } from '@/features/shell/health-api';
import type { ApiErrorBody } from '@/lib/ci/types';

import { bodyOf } from './helpers';

test('/jobs shows emulator rows in real Chromium', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId('backend-mode')).toContainText('Emulator');
  const rows = page.getByTestId('jobs-table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  // Real emulator jobs: CI-shaped IDs and states, times with their offset.
  await expect(rows.first().getByTestId('job-id')).toHaveText(/^j[0-9a-f]{32}$/);
  await expect(rows.first()).toContainText(/(Submitted|Running|Success|Failed|Pause|Cancel)/);
  await expect(rows.first()).toContainText(/[+-]\d{2}:\d{2}/);
});

test('/api/health reports the emulator and that it answers', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.ok()).toBe(true);
  const body = await bodyOf<Health>(res);
  expect(body.mode).toBe('emulator');
  expect(body.upstream.reachable).toBe(true);
});

test('/api/jobs rejects a bad parameter with 400 naming it', async ({ request }) => {
  const res = await request.get('/api/jobs?tag=Transcode&size=500');
  expect(res.status()).toBe(400);
  const body = await bodyOf<ApiErrorBody>(res);
  expect(body.error).toMatchObject({ code: 'InvalidArgument', field: 'size' });
  expect(body.error.message).toContain('between 1 and 100');
});

test('an idle keep-alive connection outlasts a 5-second refresh (no reset race with live refresh or a proxy pool)', async ({
  baseURL,
}) => {
  // Node's server closes idle connections after 5 s by default; a client that comes back every 5 s
  // then races that close and gets ECONNRESET (bench P9). scripts/start.mjs keeps them 65 s.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<{ status: number; port: number }>((resolve, reject) => {
      const req = http.get(`${baseURL}/api/health`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, port: req.socket?.localPort ?? -1 }));
      });
      req.on('error', reject);
    });
  try {
    const first = await get();
    await new Promise((r) => setTimeout(r, 6_000));
    const second = await get();
    expect([first.status, second.status]).toEqual([200, 200]);
    // The same socket: the server did not close it while it was idle.
    expect(second.port).toBe(first.port);
  } finally {
    agent.destroy();
  }
});
