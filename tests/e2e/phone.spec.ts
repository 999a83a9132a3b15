/**
 * The dashboard on a phone (390×844, touch), walked as an operator would: the first job is on the
 * first screen, the filters open from "Filters (n)" and fold away again, a tapped card opens the job
 * with its title and × on screen, and no page scrolls sideways.
 */
import { expect, test, type Page } from '@playwright/test';

import { emulatorUrl, hydrated } from './helpers';
import { passwordHash, startAppProcess, type Started } from './support/servers';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

/** The page is no wider than the screen: nothing to scroll sideways. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.document, `${where}: document scrollWidth`).toBeLessThanOrEqual(PHONE.width);
  expect(widths.body, `${where}: body scrollWidth`).toBeLessThanOrEqual(PHONE.width);
}

/** Inside the screen as the phone shows it (not scrolled to). */
async function expectOnScreen(page: Page, locator: ReturnType<Page['locator']>, what: string) {
  const box = await locator.boundingBox();
  expect(box, what).not.toBeNull();
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(PHONE.width);
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(PHONE.height);
}

/** The job cards once they show the current view, hydrated (taps work). */
async function settledCards(page: Page) {
  const list = page.getByTestId('jobs-cards');
  // The first answer of a freshly started server can be slow under load.
  await expect(list).toBeVisible({ timeout: 30_000 });
  await expect(list).toHaveAttribute('data-hydrated', 'true');
  await expect(list).not.toHaveAttribute('aria-busy', 'true');
  return list.locator('li[data-row-id]');
}

test('the jobs list: first job on the first screen, filters in a sheet, a tapped job opens in a panel that fits', async ({
  page,
}) => {
  // Two filters set: the queue type and the creation range.
  await page.goto('/jobs?tag=Transcode&queueType=Transcoding&range=7d');
  await hydrated(page);
  const cards = await settledCards(page);
  await expect(cards.first()).toBeVisible();
  // Cards, not the table: the table's columns would need a sideways scroll.
  await expect(page.getByTestId('jobs-table')).toHaveCount(0);
  await expect(page.getByRole('columnheader')).toHaveCount(0);
  await expectOnScreen(page, cards.first(), 'the first job card');
  // The toolbar leaves the screen to jobs: they start in its upper half, give or take (measured at
  // 414 px of 844 — 474 px before the pages and Count shared rows and the push/poll note left phones).
  const top = (await cards.first().boundingBox())!.y;
  expect(top, 'the first job card starts this far down').toBeLessThan(PHONE.height * 0.55);
  const firstCard = cards.first();
  await expect(firstCard.locator('[data-testid=job-card]')).toContainText('Transcode');
  await expect(firstCard.getByRole('button', { name: /^Copy job ID/ })).toBeVisible();
  await expectNoSidewaysScroll(page, '/jobs');
  // The filters' controls are folded away; a line says what the view shows.
  await expect(page.getByRole('search', { name: 'Filters' })).toHaveCount(0);
  await expect(page.getByLabel('Tag')).toHaveCount(0);
  await expect(page.getByTestId('filters-summary')).toContainText('Transcode · Transcoding');

  // Filters (2) → the sheet; a state is added; "Show jobs" folds it; the list and the count follow.
  await page.getByRole('button', { name: 'Filters (2)' }).tap();
  const sheet = page.getByRole('dialog', { name: /^Filters/ });
  await expect(sheet).toBeVisible();
  await expectOnScreen(page, sheet, 'the filters sheet');
  await expectNoSidewaysScroll(page, 'the filters sheet');
  await sheet.getByLabel(/^States:/).tap();
  await page.getByRole('checkbox', { name: 'Failed' }).tap();
  await expect(page).toHaveURL(/[?&]states=Failed(&|$)/);
  await expect(sheet).toHaveAccessibleName('Filters (3)');
  await sheet.getByRole('button', { name: 'Show jobs' }).tap();
  await expect(sheet).toBeHidden();
  await expect(page.getByRole('button', { name: 'Filters (3)' })).toBeVisible();
  const failed = await settledCards(page);
  await expect(failed.first()).toBeVisible();
  const states = await failed.locator('[data-testid=job-card] > div:first-child > span:first-child').allTextContents();
  expect(states.length).toBeGreaterThan(0);
  for (const s of states) expect(s).toContain('Failed');
  await expectOnScreen(page, failed.first(), 'the first failed job card');

  // A tap on a card opens its job: the panel takes the screen, its title and × are on it, the
  // content scrolls inside the panel, and × closes it.
  const jobId = await failed.first().getAttribute('data-row-id');
  await failed.first().locator('[data-testid=job-card] > div').nth(2).tap();
  await expect(page).toHaveURL(new RegExp(`[?&]job=${jobId}(&|$)`));
  const panel = page.getByRole('dialog', { name: `Job ${jobId}` });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('detail-summary')).toBeVisible();
  await expectOnScreen(page, panel, 'the job panel');
  await expectOnScreen(page, panel.getByRole('heading', { name: `Job ${jobId}` }), "the panel's title");
  const close = panel.getByRole('button', { name: 'Close' });
  await expectOnScreen(page, close, "the panel's ×");
  await expectNoSidewaysScroll(page, 'the job panel');
  const body = panel.locator('[tabindex="-1"]').first();
  expect(await body.evaluate((el) => el.scrollHeight > el.clientHeight && getComputedStyle(el).overflowY)).toBe('auto');
  await close.tap();
  await expect(panel).toBeHidden();
  await expect(page).not.toHaveURL(/[?&]job=/);

  // The job's own page fits too.
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page, '/jobs/<id>');
});

test('a card opens from the keyboard too (Tab to the list, ↓, Enter)', async ({ page }) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=10');
  await hydrated(page);
  const cards = await settledCards(page);
  await expect(cards).toHaveCount(10);
  await cards.first().focus();
  await page.keyboard.press('ArrowDown');
  const second = await cards.nth(1).getAttribute('data-row-id');
  await expect(cards.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]job=${second}(&|$)`));
  await expect(page.getByRole('dialog', { name: `Job ${second}` })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toBeHidden();
});

test('two hundred jobs as cards: only those near the screen are rendered, the page scrolls to the last', async ({
  page,
}) => {
  await page.goto('/jobs?tag=Transcode&order=asc&size=100');
  await hydrated(page);
  await expect(await settledCards(page)).toHaveCount(100);
  await page.getByTestId('load-more').tap();
  await expect(page.getByTestId('accumulate-status')).toHaveText(/^200 loaded from 2 pages/);
  const list = page.getByTestId('jobs-cards');
  await expect(list).toHaveAttribute('data-virtual', 'true');
  const rendered = await list.locator('li[data-row-id]').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(40);
  // The page itself scrolls (no scroller inside it to trap the thumb) down to the 200th card.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = list.locator('li[data-index="199"]');
  await expect(last).toBeVisible();
  await expectOnScreen(page, last, 'the 200th card, scrolled to');
  expect(await list.locator('li[data-row-id]').count()).toBeLessThan(40);
  await expectNoSidewaysScroll(page, '200 cards');
  const id = await last.getAttribute('data-row-id');
  await last.locator('[data-testid=job-card] > div').nth(2).tap();
  await expect(page.getByRole('dialog', { name: `Job ${id}` })).toBeVisible();
});

test("a job's page fits however long its values: a long object key, workflow run IDs", async ({ page, request }) => {
  // Jobs picked for what makes a line long, not whichever job a list shows first: long unbroken
  // values must wrap rather than push the page sideways. A failed snapshot made now with a long
  // key (its "no snapshot objects" note repeats the key in the output pattern) …
  const emulatorJobs = `${emulatorUrl()}/__emulator/jobs`;
  const longKey = `e2e/phone/${'campaign_q4_interview_final_'.repeat(4)}${Date.now()}.mp4`;
  const created = await request.post(emulatorJobs, { data: { tag: 'Snapshot', state: 'Failed', input: longKey } });
  expect(created.status(), await created.text()).toBe(201);
  const ids = [((await created.json()) as { job: { jobId: string } }).job.jobId];
  // … and failed jobs in a workflow, straight from CI (the index may still be filling).
  type Listed = { jobId: string; workflows: { runId?: string | null }[] };
  for (const tag of ['Transcode', 'Segment']) {
    const answer = await request.get(`/api/jobs?tag=${tag}&states=Failed&size=100`);
    expect(answer.ok(), `${tag}: ${await answer.text()}`).toBe(true);
    const { jobs } = (await answer.json()) as { jobs: Listed[] };
    ids.push(
      ...jobs
        .filter((j) => j.workflows.some((w) => w.runId))
        .slice(0, 2)
        .map((j) => j.jobId),
    );
  }
  expect(ids.length, 'failed jobs in a workflow').toBeGreaterThan(1);
  try {
    for (const id of ids) {
      await page.goto(`/jobs/${id}`);
      await expect(page.getByTestId('detail-summary')).toBeVisible();
      await expectNoSidewaysScroll(page, `/jobs/${id}`);
    }
  } finally {
    await request.delete(emulatorJobs);
  }
});

test('overview and triage fit the screen: no sideways scroll, filters folded', async ({ page }) => {
  for (const path of ['/overview?tag=Transcode&range=24h', '/triage?tag=Transcode&range=24h']) {
    await page.goto(path);
    await expect(page.getByTestId('collection-progress')).toHaveAttribute('data-status', 'done', { timeout: 45_000 });
    await expect(page.getByRole('button', { name: /^Filters/ })).toBeVisible();
    await expectNoSidewaysScroll(page, path);
  }
});

test.describe('with login configured', () => {
  let app: Started;
  test.beforeAll(async () => {
    app = await startAppProcess({
      DASHBOARD_USERS: `alice:${passwordHash('phone test password')}`,
      DASHBOARD_SESSION_SECRET: 'e2e-session-secret-phone-0123456789',
      CI_SECRET_ID: '',
      CI_SECRET_KEY: '',
      EMULATOR_PORT: '',
    });
  });
  test.afterAll(() => app?.stop());

  test('the sign-in page fits the screen', async ({ page }) => {
    await page.goto(`${app.url}/login`);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expectNoSidewaysScroll(page, '/login');
  });
});
