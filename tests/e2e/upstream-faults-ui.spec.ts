/**
 * The page names each upstream fault for what it is — a signature refusal, a skewed clock,
 * unreadable XML, a dropped connection, a timeout — with the right advice, and recovers after.
 */
import { expect, test } from '@playwright/test';

import { emulatorUrl, settledRows } from './helpers';

const FAULTS = () => `${emulatorUrl()}/__emulator/faults`;
test.afterEach(async ({ request }) => {
  await request.delete(FAULTS());
});

const cases = [
  {
    tag: 'Animation',
    faults: { errorRate: 1, errorStatus: 403, errorCode: 'SignatureDoesNotMatch' },
    code: 'SignatureDoesNotMatch',
    says: 'CI_SECRET_KEY',
  },
  {
    tag: 'SmartCover',
    faults: { errorRate: 1, errorStatus: 403, errorCode: 'RequestTimeTooSkewed' },
    code: 'RequestTimeTooSkewed',
    says: 'clock',
  },
  { tag: 'Concat', faults: { malformedRate: 1 }, code: 'MalformedResponse', says: 'not valid XML' },
  { tag: 'VideoMontage', faults: { dropRate: 1 }, code: 'NetworkError', says: 'could not be reached' },
  { tag: 'Segment', faults: { latencyMs: 4000 }, code: 'RequestTimeout', says: 'did not answer in time' },
];

for (const c of cases) {
  test(`names ${c.code} and recovers when it clears`, async ({ page, request }) => {
    test.setTimeout(90_000);
    expect((await request.put(FAULTS(), { data: c.faults })).ok()).toBe(true);
    await page.goto(`/jobs?tag=${c.tag}`);
    const error = page.getByTestId('jobs-error');
    await expect(error.getByTestId('error-code')).toHaveText(c.code, { timeout: 30_000 });
    await expect(error).toContainText(c.says);
    await request.delete(FAULTS());
    await page.reload();
    await expect((await settledRows(page)).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('jobs-error')).toHaveCount(0);
  });
}
