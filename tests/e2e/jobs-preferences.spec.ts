import { expect, test } from '@playwright/test';

import { hydrated, settledRows } from './helpers';

test('the time-zone and theme switches apply everywhere and are remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/jobs?tag=Transcode&order=asc&size=10');
  const created = (await settledRows(page)).first().locator('td:nth-child(7)');
  const display = page.getByLabel('Display settings: time zone and theme');
  await display.click();
  await page.getByRole('radio', { name: '+08:00' }).click();
  await expect(created).toContainText('+08:00');
  await page.getByRole('radio', { name: 'UTC' }).click();
  await expect(created).toContainText('+00:00');
  const utcText = await created.textContent();

  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);

  await page.reload();
  await hydrated(page);
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByTestId('display-summary')).toHaveText('Times: UTC · Theme: Dark');
  await display.click();
  await expect(page.getByRole('radio', { name: 'UTC' })).toHaveAttribute('aria-checked', 'true');
  await expect((await settledRows(page)).first().locator('td:nth-child(7)')).toHaveText(utcText!);

  // "Auto" follows prefers-color-scheme.
  await page.getByRole('radio', { name: 'Auto' }).click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveClass(/dark/);
});

test('the display settings, loaded on their first use from the keyboard, take focus and switch', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/jobs?tag=Transcode&order=asc&size=10');
  await settledRows(page);
  await expect(page.locator('[data-hydrated]').first()).toBeAttached();
  // The switches' code loads with the popover when the button is first wanted (bench P5).
  await page.getByLabel('Display settings: time zone and theme').focus();
  await page.keyboard.press('Enter');
  const zone = page.getByRole('radiogroup', { name: 'Time zone' });
  await expect(zone.getByRole('radio').first()).toBeFocused();
  await page.getByRole('radio', { name: 'Dark' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await expect(page.getByTestId('display-summary')).toHaveText(/Theme: Dark$/);
});
