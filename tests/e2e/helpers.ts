import { expect, type APIRequestContext, type Page } from '@playwright/test';

import type { ApiErrorBody, Job, JobPage } from '@/lib/ci/types';

/** Jobs straight from our API (the same one the page uses), to pick test subjects by content. */
export async function listJobs(request: APIRequestContext, query: string): Promise<JobPage> {
  const res = await request.get(`/api/jobs?${query}`);
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as JobPage;
}

/** The first job of a list whose full detail (GET /api/jobs/<id>) passes the test. */
export async function findJob(request: APIRequestContext, query: string, test: (job: Job) => boolean): Promise<Job> {
  const page = await listJobs(request, query);
  for (const item of page.jobs) {
    const res = await request.get(`/api/jobs/${item.jobId}`);
    expect(res.ok(), await res.text()).toBe(true);
    const { job } = (await res.json()) as { job: Job };
    if (test(job)) return job;
  }
  throw new Error(`no job for ${query} passes the test`);
}

/** The table once it shows the current view (not the previous one kept on screen while loading). */
export async function settledRows(page: Page) {
  const table = page.getByTestId('jobs-table');
  await expect(table).toBeVisible();
  // Rows come with the server's HTML; keys and clicks work once React has hydrated them.
  await expect(table).toHaveAttribute('data-hydrated', 'true');
  await expect(table).not.toHaveAttribute('aria-busy', 'true');
  return table.locator('tbody tr');
}

export async function rowIds(page: Page): Promise<string[]> {
  const rows = await settledRows(page);
  return rows.getByTestId('job-id').allTextContents();
}

/**
 * Resolves once React owns the page just loaded (app/providers marks `<html data-hydrated>`): the
 * server's HTML shows controls before their handlers exist, and a click or key before then is lost.
 */
export async function hydrated(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true', { timeout: 30_000 });
}

export const emulatorUrl = () => `http://127.0.0.1:${process.env.E2E_EMULATOR_PORT}`;

/** An answer's JSON as the test expects it (Playwright's json() is untyped; expect() then checks it). */
export async function bodyOf<T>(res: { json(): Promise<unknown> }): Promise<T> {
  return (await res.json()) as T;
}

/** The `error` of an /api error answer. */
export async function errorOf(res: { json(): Promise<unknown> }): Promise<ApiErrorBody['error']> {
  return (await bodyOf<ApiErrorBody>(res)).error;
}

/**
 * Opens a menu whose code loads on first use (components/ui/lazy-on-intent, lazy-dropdown-menu).
 * A click before hydration does nothing, so the click is repeated — but only while the button does
 * not say it is open: a second click on a menu that is opening closes it, and on a loaded machine a
 * retry every second kept closing the menu its previous click had just opened.
 */
export async function openMenu(page: Page, buttonTestId: string, name: string) {
  const button = page.getByTestId(buttonTestId);
  const menu = page.getByRole('menu', { name });
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await expect(menu).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return menu;
}
