import { expect, test } from '@playwright/test';

import { settledRows } from './helpers';

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
