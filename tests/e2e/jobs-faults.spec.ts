import { expect, test } from '@playwright/test';

import { emulatorUrl, settledRows } from './helpers';

const FAULTS = () => `${emulatorUrl()}/__emulator/faults`;

test.afterEach(async ({ request }) => {
  await request.delete(FAULTS());
});

test('with CI failing the page names the CI error code, and recovers when it clears', async ({ page, request }) => {
  test.setTimeout(90_000);
  const put = await request.put(FAULTS(), {
    data: { errorRate: 1, errorStatus: 503, errorCode: 'ServiceUnavailable' },
  });
  expect(put.ok(), await put.text()).toBe(true);

  await page.goto('/jobs?tag=VideoTag');
  const error = page.getByTestId('jobs-error');
  await expect(error).toBeVisible();
  await expect(error.getByTestId('error-code')).toHaveText('ServiceUnavailable');
  await expect(error).toContainText('CI is having trouble');
  await expect(error).toContainText(/Retrying automatically in \d+ s/);

  await request.delete(FAULTS());
  await expect((await settledRows(page)).first()).toBeVisible({ timeout: 40_000 });
  await expect(page.getByTestId('jobs-error')).toHaveCount(0);
});

test('an error while rows are shown keeps them, with the code in a banner', async ({ page, request }) => {
  test.setTimeout(90_000);
  await page.goto('/jobs?tag=Transcode&order=asc&size=10');
  await expect((await settledRows(page)).first()).toBeVisible();
  await request.put(FAULTS(), { data: { errorRate: 1, errorStatus: 500, errorCode: 'InternalError' } });
  await page.waitForTimeout(2_500); // past the server's short read cache (CI_CACHE_TTL_MS)
  await page.getByRole('button', { name: '↻ Refresh' }).click();
  const banner = page.getByTestId('jobs-error');
  await expect(banner.getByTestId('error-code')).toHaveText('InternalError');
  await expect(banner).toContainText('showing the rows from before');
  await expect(page.getByTestId('jobs-table').locator('tbody tr').first()).toBeVisible();
  await request.delete(FAULTS());
  await expect(page.getByTestId('jobs-error')).toHaveCount(0, { timeout: 40_000 });
});
