/**
 * Saved views: built-ins, saving, reloading, applying and deleting — kept in the browser when login
 * is off (the default server), and per user on the server when login is on (a server this spec
 * starts, with its own data directory), where a write from another origin is refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { bodyOf, errorOf, listJobs, openMenu, rowIds, settledRows } from './helpers';
import { passwordHash, startAppProcess, type Started } from './support/servers';

/** Opens the Views menu (retried until the page has hydrated and the button answers). */
async function openViews(page: Page) {
  return openMenu(page, 'views-button', 'Views');
}

async function saveView(page: Page, name: string) {
  const menu = await openViews(page);
  await menu.getByRole('menuitem', { name: 'Save current view…' }).click();
  const dialog = page.getByTestId('save-view');
  await dialog.getByLabel('View name').fill(name);
  await dialog.getByRole('button', { name: /^(Save|Replace)$/ }).click();
  return dialog;
}

test.describe('login off: views are kept in this browser', () => {
  test('a built-in view sets the URL and shows only its jobs', async ({ page, request }) => {
    await page.goto('/jobs?tag=Transcode&states=Success');
    await settledRows(page);
    const menu = await openViews(page);
    await expect(page.getByTestId('views-storage')).toHaveText('saved in this browser');
    await menu.getByRole('menuitemradio', { name: /^Failed, last 24 h/ }).click();

    // The preset is anchored when applied (from = now − 24 h), so paging stays consistent.
    await expect(page).toHaveURL(/[?&]states=Failed(&|$)/);
    await expect(page).toHaveURL(/[?&]range=24h(&|$)/);
    await expect(page).toHaveURL(/[?&]from=\d{4}-/);
    const from = new URL(page.url()).searchParams.get('from')!;
    expect(Date.now() - Date.parse(from)).toBeGreaterThan(23.9 * 3_600_000);
    expect(Date.now() - Date.parse(from)).toBeLessThan(24.1 * 3_600_000);

    const api = await listJobs(
      request,
      `tag=Transcode&states=Failed&startCreationTime=${encodeURIComponent(from)}&size=20`,
    );
    expect(api.jobs.length).toBeGreaterThan(0);
    expect(api.jobs.every((j) => j.state === 'Failed')).toBe(true);
    await expect.poll(() => rowIds(page)).toEqual(api.jobs.map((j) => j.jobId));

    await expect(page.getByTestId('views-button')).toHaveText(/View: Failed, last 24 h/);
    const again = await openViews(page);
    await expect(again.getByRole('menuitemradio', { name: /^Failed, last 24 h/ })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    await expect(again.getByRole('menuitemradio', { name: /^Failed, last hour/ })).toHaveAttribute(
      'aria-checked',
      'false',
    );
    await page.keyboard.press('Escape');
    await expect(again).toBeHidden();
    await expect(page.getByTestId('views-button')).toBeFocused();
  });

  test('save a view (names checked), reload, apply it, delete it', async ({ page, request }) => {
    await page.goto('/jobs?tag=Snapshot&states=Success&sort=-created&page=1');
    await settledRows(page);
    const menu = await openViews(page);
    await expect(menu.getByText('None yet.')).toBeVisible();
    await page.keyboard.press('Escape');

    // Names are checked before anything is stored.
    let dialog = await saveView(page, '   ');
    await expect(dialog.getByRole('alert')).toContainText('1–60 characters');
    await dialog.getByLabel('View name').fill('Failed, last hour');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('is a built-in view');
    await dialog.getByLabel('View name').fill('x'.repeat(61));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toContainText('1–60 characters');
    await dialog.getByLabel('View name').fill('Snapshots done');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('views-button')).toHaveText(/View: Snapshots done/);

    await page.reload();
    await settledRows(page);
    await expect(page.getByTestId('views-button')).toHaveText(/View: Snapshots done/);

    // Elsewhere, applying it brings back its tag, filters and sorting — not the page position.
    await page.goto('/jobs?tag=Transcode&states=Failed');
    await settledRows(page);
    dialog = page.getByTestId('save-view');
    await (await openViews(page)).getByRole('menuitemradio', { name: 'Snapshots done' }).click();
    await expect(page).toHaveURL(/\/jobs\?tag=Snapshot&states=Success&sort=-created$/);
    const api = await listJobs(request, 'tag=Snapshot&states=Success&size=20');
    await expect.poll(async () => (await rowIds(page)).sort()).toEqual(api.jobs.map((j) => j.jobId).sort());

    // Delete asks first; Cancel keeps it.
    await (await openViews(page)).getByRole('menuitem', { name: 'Delete view “Snapshots done”…' }).click();
    const confirm = page.getByTestId('delete-view');
    await expect(confirm).toContainText('Delete the view “Snapshots done”?');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    await expect((await openViews(page)).getByRole('menuitemradio', { name: 'Snapshots done' })).toBeVisible();
    await page
      .getByRole('menu', { name: 'Views' })
      .getByRole('menuitem', { name: 'Delete view “Snapshots done”…' })
      .click();
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByTestId('views-button')).toHaveText(/^Views/);

    await page.reload();
    await settledRows(page);
    await expect((await openViews(page)).getByText('None yet.')).toBeVisible();
  });

  test('first use from the keyboard: the menu (loaded on intent) opens at the view on screen, Esc returns to its button', async ({
    page,
  }) => {
    await page.goto('/jobs?tag=Transcode&states=Running');
    await settledRows(page);
    const button = page.getByTestId('views-button');
    await expect(button).toHaveText(/View: Running now/);
    await button.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Views' });
    await expect(menu.getByRole('menuitemradio', { name: /^Running now/ })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(button).toHaveText(/View: Running now/);
  });

  test('the menu works from the keyboard', async ({ page }) => {
    await page.goto('/jobs?tag=Transcode');
    await settledRows(page);
    const button = page.getByTestId('views-button');
    await openViews(page);
    await page.keyboard.press('Escape');
    await button.focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByRole('menu', { name: 'Views' });
    await expect(menu.getByRole('menuitemradio').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: /^Failed, last 24 h/ })).toBeFocused();
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Save current view…' })).toBeFocused();
    // Each move is seen to land before the next key (the menu moves focus a tick after the key).
    await page.keyboard.press('Home');
    await expect(menu.getByRole('menuitemradio').first()).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: /^Failed, last 24 h/ })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('menuitemradio', { name: /^Running now/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]states=Running(&|$)/);
    await expect(button).toHaveText(/View: Running now/);
  });

  test('the save dialog, from the keyboard: focus in the name, Enter saves, Esc cancels', async ({ page }) => {
    await page.goto('/jobs?tag=Transcode&states=Failed&order=asc');
    await settledRows(page);
    const button = page.getByTestId('views-button');
    const menu = await openViews(page);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();

    // Views ▾ → End (Save current view…) → Enter: the dialog opens with the cursor in the name field.
    await button.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await expect(menu.getByRole('menuitem', { name: 'Save current view…' })).toBeFocused();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Save current view' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('View name')).toBeFocused();

    // Typing a name and Enter saves it (and opens no job behind the dialog).
    await page.keyboard.type('Oldest failures');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(button).toHaveText(/View: Oldest failures/);
    await expect(button).toBeFocused();
    await expect(page).not.toHaveURL(/[?&]job=/);

    // Esc cancels: whatever was typed is not saved.
    await page.goto('/jobs?tag=Transcode&states=Success');
    await settledRows(page);
    await (await openViews(page)).getByRole('menuitem', { name: 'Save current view…' }).click();
    await expect(dialog.getByLabel('View name')).toBeFocused();
    await page.keyboard.type('Never saved');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
    await expect(button).toHaveText(/^Views/);
    const again = await openViews(page);
    await expect(again.getByRole('menuitemradio', { name: 'Oldest failures' })).toBeVisible();
    await expect(again.getByRole('menuitemradio', { name: 'Never saved' })).toHaveCount(0);
  });

  test('GET /api/views says so, and writes are refused', async ({ request, baseURL }) => {
    expect(await (await request.get('/api/views')).json()).toEqual({ storage: 'browser', views: [] });
    const put = await request.put('/api/views', {
      data: { name: 'x', query: 'states=Failed' },
      headers: { origin: baseURL! },
    });
    expect(put.status()).toBe(409);
    expect((await errorOf(put)).code).toBe('ViewsInBrowser');
  });
});

const PASSWORD = 'correct horse battery staple';
const hash = () => passwordHash(PASSWORD);

test.describe('login on: views are kept per user on the server', () => {
  let app: Started;
  let dataDir: string;
  test.beforeAll(async () => {
    // Login on: the server's store opens first (servers.ts), which a new embedded store takes a while to do.
    test.setTimeout(180_000);
    dataDir = mkdtempSync(path.join(tmpdir(), 'views-e2e-'));
    const h = hash();
    app = await startAppProcess({
      DASHBOARD_USERS: `alice:${h},bob:${h}`,
      DASHBOARD_SESSION_SECRET: 'e2e-session-secret-0123456789abcdef',
      DASHBOARD_DATA_DIR: dataDir,
      CI_SECRET_ID: '',
      CI_SECRET_KEY: '',
      EMULATOR_PORT: '',
    });
  });
  test.afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signIn(page: Page, user: string) {
    const res = await page.request.post(`${app.url}/api/auth/login`, {
      headers: { origin: app.url },
      data: { user, password: PASSWORD },
    });
    expect(res.status(), await res.text()).toBe(200);
  }

  test('two users each see their own views; they outlive a reload and are kept in the store in the data directory', async ({
    browser,
  }) => {
    const alice = await (await browser.newContext()).newPage();
    const bob = await (await browser.newContext()).newPage();
    try {
      await signIn(alice, 'alice');
      await signIn(bob, 'bob');

      await alice.goto(`${app.url}/jobs?tag=Transcode&states=Failed&order=asc`);
      await settledRows(alice);
      await openViews(alice);
      await expect(alice.getByTestId('views-storage')).toHaveText('saved to your account');
      await alice.keyboard.press('Escape');
      await expect(await saveView(alice, 'Alice: oldest failures')).toBeHidden();
      await expect(alice.getByTestId('views-button')).toHaveText(/View: Alice: oldest failures/);

      expect(((await (await alice.request.get(`${app.url}/api/views`)).json()) as { views: unknown[] }).views).toEqual([
        { name: 'Alice: oldest failures', query: 'tag=Transcode&states=Failed&order=asc' },
      ]);
      // Kept in the store under the data directory (the embedded PGlite), no longer in a file per user.
      expect(existsSync(path.join(dataDir, 'pglite'))).toBe(true);
      expect(existsSync(path.join(dataDir, 'views'))).toBe(false);

      await alice.reload();
      await settledRows(alice);
      await expect(
        (await openViews(alice)).getByRole('menuitemradio', { name: 'Alice: oldest failures' }),
      ).toHaveAttribute('aria-checked', 'true');

      // Bob has none of Alice's, and his own stay his.
      await bob.goto(`${app.url}/jobs?tag=Snapshot`);
      await settledRows(bob);
      const bobMenu = await openViews(bob);
      await expect(bob.getByTestId('views-storage')).toHaveText('saved to your account');
      await expect(bobMenu.getByText('None yet.')).toBeVisible();
      await bob.keyboard.press('Escape');
      await saveView(bob, 'Bob: snapshots');
      await expect(bob.getByTestId('views-button')).toHaveText(/View: Bob: snapshots/);

      const aliceViews = (await (await alice.request.get(`${app.url}/api/views`)).json()) as {
        user: string;
        views: { name: string }[];
      };
      expect(aliceViews).toMatchObject({ storage: 'account', user: 'alice' });
      expect(aliceViews.views.map((v) => v.name)).toEqual(['Alice: oldest failures']);
      const bobViews = (await (await bob.request.get(`${app.url}/api/views`)).json()) as {
        user: string;
        views: { name: string }[];
      };
      expect(bobViews.views.map((v) => v.name)).toEqual(['Bob: snapshots']);

      // Alice deletes hers through the menu; Bob's is untouched.
      await (await openViews(alice)).getByRole('menuitem', { name: 'Delete view “Alice: oldest failures”…' }).click();
      await alice.getByTestId('delete-view').getByRole('button', { name: 'Delete' }).click();
      await expect(alice.getByTestId('views-button')).toHaveText(/^Views/);
      expect(((await (await alice.request.get(`${app.url}/api/views`)).json()) as { views: unknown[] }).views).toEqual(
        [],
      );
      expect(
        ((await (await bob.request.get(`${app.url}/api/views`)).json()) as { views: unknown[] }).views,
      ).toHaveLength(1);
    } finally {
      await alice.context().close();
      await bob.context().close();
    }
  });

  test('writes need a session, this origin and a valid view (400 names the field)', async ({ page, request }) => {
    const origin = { origin: app.url };
    // No session.
    expect((await request.get(`${app.url}/api/views`)).status()).toBe(401);
    expect(
      (await request.put(`${app.url}/api/views`, { data: { name: 'x', query: '' }, headers: origin })).status(),
    ).toBe(401);

    await signIn(page, 'alice');
    const put = (data: unknown, headers: Record<string, string> = origin) =>
      page.request.put(`${app.url}/api/views`, { data: data as object, headers });

    // Another origin (a page elsewhere posting with the user's cookie), or none: refused, nothing stored.
    for (const headers of [{ origin: 'http://evil.localhost:1234' }, {}] as Record<string, string>[]) {
      const res = await put({ name: 'Forged', query: 'states=Failed' }, headers);
      expect(res.status(), JSON.stringify(headers)).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'CrossOrigin', field: 'origin' });
    }
    const forgedDelete = await page.request.delete(`${app.url}/api/views?name=x`, {
      headers: { origin: 'http://evil.localhost:1234' },
    });
    expect(forgedDelete.status()).toBe(403);

    const cases: [unknown, string, RegExp][] = [
      [{ name: '', query: 'states=Failed' }, 'name', /1–60/],
      [{ name: 'Failed, last hour', query: 'states=Failed' }, 'name', /built-in/],
      [{ name: 'ok', query: 'states=Bogus' }, 'query', /^States: /],
      [{ name: 'ok', query: 'tokens=abc' }, 'query', /not part of a view/],
      [{ name: 'ok', query: `input=${'a'.repeat(2001)}` }, 'query', /at most 2000/],
      [['not', 'an', 'object'], 'body', /JSON object/],
    ];
    for (const [data, field, message] of cases) {
      const res = await put(data);
      expect(res.status(), JSON.stringify(data).slice(0, 80)).toBe(400);
      const error = await errorOf(res);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    const notJson = await page.request.put(`${app.url}/api/views`, {
      data: 'name=x',
      headers: { ...origin, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status()).toBe(400);
    expect((await errorOf(notJson)).field).toBe('body');

    const saved = await put({ name: ' Via API ', query: '?states=Failed&order=desc' });
    expect(saved.status(), await saved.text()).toBe(200);
    expect((await bodyOf<{ views: unknown[] }>(saved)).views).toContainEqual({
      name: 'Via API',
      query: 'tag=Transcode&states=Failed',
    });
    const gone = await page.request.delete(`${app.url}/api/views?name=via%20api`, { headers: origin });
    expect(gone.status()).toBe(200);
    const missing = await page.request.delete(`${app.url}/api/views?name=via%20api`, { headers: origin });
    expect(missing.status()).toBe(404);
    expect((await errorOf(missing)).field).toBe('name');
  });
});
