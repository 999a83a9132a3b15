/**
 * Keyboard shortcuts on /jobs: `?` shows the cheat sheet, j/k move the row cursor (also through a
 * virtualized table), Enter opens the job under it, Esc closes the drawer, r refreshes now, and
 * none of them fires while typing in a field.
 */
import { expect, test, type Page } from '@playwright/test';

import { settledWindow } from './collect';
import { rowIds, settledRows } from './helpers';

/**
 * Success jobs of a window that ended an hour ago: nothing there can change, so live refresh rests
 * and every request a test sees is one it caused.
 */
function settledSuccessView(): string {
  const { from, to } = settledWindow(1, 24 * 7);
  return `/jobs?tag=Transcode&states=Success&range=custom&from=${from}&to=${to}`;
}

/** Waits for hydration the way a person would notice it: `?` opens the cheat sheet. */
async function openCheatSheet(page: Page) {
  const sheet = page.getByTestId('shortcuts-help');
  await expect(async () => {
    await page.locator('body').press('?');
    await expect(sheet).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  return sheet;
}

const cursorRow = (page: Page) => page.getByTestId('jobs-table').locator('tbody tr[data-cursor]');

test('? lists every shortcut; Esc closes it', async ({ page }) => {
  await page.goto('/jobs?tag=Transcode&states=Success');
  await settledRows(page);
  const sheet = await openCheatSheet(page);
  await expect(sheet.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  for (const [key, does] of [
    ['/', 'Focus the find box'],
    ['j', 'Move the row cursor down'],
    ['k', 'Move the row cursor up'],
    ['Enter', 'Open the job under the cursor'],
    ['Esc', 'Close the job drawer'],
    ['r', 'Refresh the list now'],
    ['?', 'Show these shortcuts'],
  ] as const) {
    await expect(sheet.getByRole('row').filter({ hasText: does })).toContainText(key);
  }
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // The header's button opens it too.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('the cheat sheet loads on its first use from the button: focus goes into it, and back to the button', async ({
  page,
}) => {
  await page.goto('/jobs?tag=Transcode&states=Success');
  await settledRows(page);
  // The sheet's code is not in the page until it is wanted (bench P5).
  const button = page.getByRole('button', { name: 'Keyboard shortcuts' });
  await button.focus();
  await page.keyboard.press('Enter');
  const sheet = page.getByTestId('shortcuts-help');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row').filter({ hasText: 'Show these shortcuts' })).toContainText('?');
  await expect.poll(() => sheet.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(button).toBeFocused();
});

test('j/j/k move the row cursor, Enter opens that job, Esc closes it, r refreshes', async ({ page }) => {
  await page.goto(settledSuccessView());
  const ids = await rowIds(page);
  expect(ids.length).toBeGreaterThan(3);
  await (await openCheatSheet(page)).press('Escape');

  await page.keyboard.press('j');
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', ids[0]!);
  await page.keyboard.press('j');
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', ids[1]!);
  await expect(cursorRow(page)).toBeFocused();
  await expect(cursorRow(page)).toHaveCount(1);
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', ids[1]!);

  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]job=${ids[1]}(&|$)`));
  const drawer = page.getByRole('dialog', { name: new RegExp(ids[1]!) });
  await expect(drawer).toBeVisible();
  // Behind the open drawer, j does nothing to the list.
  await page.keyboard.press('j');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]job=/);
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', ids[1]!);

  // r asks the server again at once (this settled view rests, so nothing else would).
  await expect(page.getByText(/not polling/)).toBeVisible();
  await page.waitForLoadState('networkidle');
  const refreshed = page.waitForRequest((r) => r.url().includes('/api/jobs?') && r.url().includes('states=Success'));
  await page.keyboard.press('r');
  await refreshed;
  await expect(page.getByTestId('updated-at')).toContainText('updated');
});

test('shortcuts wait while typing in a field, and Enter leaves buttons alone', async ({ page }) => {
  await page.goto(settledSuccessView());
  await settledRows(page);
  await (await openCheatSheet(page)).press('Escape');
  const box = page.getByRole('searchbox', { name: 'Find a job' });
  await box.focus();
  // Whatever the page asks for on its own after loading has been asked for.
  await page.waitForLoadState('networkidle');
  let requests = 0;
  page.on('request', (r) => {
    if (r.url().includes('/api/jobs?')) requests++;
  });
  await page.keyboard.type('jkr?');
  await expect(box).toHaveValue('jkr?');
  await expect(page.getByTestId('shortcuts-help')).toBeHidden();
  await expect(cursorRow(page)).toHaveCount(0);
  expect(requests).toBe(0);

  // With a modifier the key is the browser's (Ctrl+R reloads): Alt+j moves nothing.
  await box.blur();
  await page.keyboard.press('Alt+j');
  await expect(cursorRow(page)).toHaveCount(0);

  // With a row under the cursor, Enter on a button is the button's (it opens the Views menu).
  await page.keyboard.press('j');
  await expect(cursorRow(page)).toHaveCount(1);
  await page.getByTestId('views-button').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu', { name: 'Views' })).toBeVisible();
  await expect(page).not.toHaveURL(/[?&]job=/);
});

test('j moves through a virtualized table, scrolling the cursor row into view', async ({ page }) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await settledRows(page);
  await (await openCheatSheet(page)).press('Escape');
  await page.getByTestId('load-more').click();
  const table = page.getByTestId('jobs-table');
  await expect(table).toHaveAttribute('data-virtual', 'true');
  await expect(table).toHaveAttribute('aria-rowcount', '201');
  const ids = await rowIds(page);
  await page.keyboard.press('j');
  await expect(cursorRow(page)).toHaveAttribute('data-row-id', ids[0]!);
  // The first row has focus now; its own keys take over from here.
  for (let i = 0; i < 119; i++) await page.keyboard.press('j');
  const row = cursorRow(page);
  await expect(row).toHaveAttribute('aria-rowindex', '121');
  await expect(row).toBeInViewport();
  await expect(row).toBeFocused();
  await page.keyboard.press('k');
  await expect(cursorRow(page)).toHaveAttribute('aria-rowindex', '120');
  const id = await cursorRow(page).getAttribute('data-row-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]job=${id}(&|$)`));
});
