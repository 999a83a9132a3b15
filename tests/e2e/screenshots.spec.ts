/**
 * README screenshots (docs/screenshots/), light and dark: not part of the normal run.
 *   SCREENSHOTS=1 npx playwright test screenshots
 */
import { expect, test, type Page } from '@playwright/test';

import { settledWindow } from './collect';
import { findJob, settledRows } from './helpers';

test.skip(!process.env.SCREENSHOTS, 'set SCREENSHOTS=1 to refresh docs/screenshots');
test.use({ viewport: { width: 1440, height: 900 } });

const THEMES = ['light', 'dark'] as const;

async function useTheme(page: Page, theme: (typeof THEMES)[number]) {
  await page.emulateMedia({ colorScheme: theme });
  await page.addInitScript((t) => {
    localStorage.setItem('ci-dashboard.preferences', JSON.stringify({ theme: t, timeZone: 'cst' }));
  }, theme);
}

for (const theme of THEMES) {
  test(`list, ${theme}`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto('/jobs?tag=Transcode&size=20');
    await expect((await settledRows(page)).first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `docs/screenshots/jobs-list-${theme}.png` });
  });

  test(`Transcode detail, ${theme}`, async ({ page, request }) => {
    await useTheme(page, theme);
    const job = await findJob(
      request,
      'tag=Transcode&states=Success&orderByTime=Asc&size=20',
      (j) =>
        (j.operation?.mediaInfo?.audio.length ?? 0) > 0 &&
        (j.operation?.mediaResult?.outputFiles[0]?.md5.length ?? 0) > 0,
    );
    await page.goto(`/jobs?tag=Transcode&states=Success&order=asc&size=20&job=${job.jobId}`);
    const drawer = page.getByRole('dialog');
    await expect(drawer.getByTestId('video-streams')).toBeVisible();
    await drawer.getByTestId('detail-media-info').scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/screenshots/transcode-detail-${theme}.png` });
  });

  test(`SpeechRecognition detail, ${theme}`, async ({ page, request }) => {
    await useTheme(page, theme);
    const job = await findJob(request, 'tag=SpeechRecognition&states=Success&orderByTime=Asc&size=20', (j) => {
      const d = j.operation?.detail;
      return d?.kind === 'speech' && (d.speech?.sentences.length ?? 0) > 0;
    });
    await page.goto(`/jobs/${job.jobId}`);
    await expect(page.getByTestId('panel-speech')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/screenshots/speech-detail-${theme}.png`, fullPage: true });
  });

  test(`overview, ${theme}`, async ({ page }) => {
    await useTheme(page, theme);
    const { from, to } = settledWindow(2, 24);
    await page.goto(`/overview?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
    await expect(page.getByTestId('time-segment').first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: `docs/screenshots/overview-${theme}.png`, fullPage: true });
  });

  test(`failure triage, ${theme}`, async ({ page }) => {
    await useTheme(page, theme);
    const { from, to } = settledWindow(2, 48);
    await page.goto(`/triage?tag=all&range=custom&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
    await expect(page.getByTestId('failure-group').first()).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/screenshots/triage-${theme}.png` });
  });
}

test.describe('phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test('phone: list, filters and job panel, light', async ({ page }) => {
    await useTheme(page, 'light');
    await page.goto('/jobs?tag=Transcode&range=24h');
    const cards = page.getByTestId('jobs-cards');
    await expect(cards).toHaveAttribute('data-hydrated', 'true');
    await expect(cards.locator('li[data-row-id]').first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: 'docs/screenshots/phone-list-light.png' });

    await page.getByRole('button', { name: /^Filters/ }).tap();
    await expect(page.getByRole('dialog', { name: /^Filters/ })).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/screenshots/phone-filters-light.png' });
    await page.getByRole('button', { name: 'Show jobs' }).tap();

    await cards.locator('li[data-row-id]').first().tap();
    await expect(page.getByRole('dialog').getByTestId('detail-summary')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: 'docs/screenshots/phone-job-light.png' });
  });
});
