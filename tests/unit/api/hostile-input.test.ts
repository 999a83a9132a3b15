/**
 * Property-based: over a thousand generated queries of every sort to /api/jobs and /api/jobs/<id>
 * never get a 5xx, every refusal is a 400 naming the field, and nothing that failed validation —
 * no unknown parameter, no bad value — ever reaches CI (the emulator's own record says so).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';

import { JOB_ID, LIST_JOBS_PARAMS, parseListJobsQuery } from '@/lib/ci/params';
import { TAG_CODES } from '@/lib/ci/tags';

import { startRouteHarness, TEST_CREDENTIAL } from '../../support/route-harness';

const h = await startRouteHarness();
afterAll(() => h.emulator.close());

const nasty = fc.constantFrom(
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '${jndi:ldap://x}',
  '😀🚀',
  '腾讯云/视频 1.mp4',
  ' ',
  '',
  '-1',
  '1e309',
  '99999999999999999999',
  'NaN',
  'true',
  '[]',
  '{"$gt":""}',
  'A'.repeat(5000),
  'All,All,All',
  'Success;Failed',
  '2024-02-30T00:00:00+0800',
  '2024-01-01T00:00:00+0800',
  '2024-01-01T00:00:00+08:00',
);
const goodValue = fc.oneof(
  fc.constantFrom(...TAG_CODES),
  fc.constantFrom('All', 'Running', 'Success,Failed', 'Submitted,Running,Pause'),
  fc.constantFrom('Desc', 'Asc', 'Transcoding', 'Speeching', 'AIProcess'),
  fc.integer({ min: -5, max: 200 }).map(String),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
const value = fc.oneof(goodValue, nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }));
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...LIST_JOBS_PARAMS) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('Tag', 'SIZE', 'states[]', '__proto__', 'constructor', 'q-signature', 'callback', 'foo'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
/** Encodes a pair the way browsers do, or oddly: raw, double-encoded, broken escapes, + for space. */
const encoding = fc.constantFrom('normal', 'raw', 'double', 'broken', 'plus');
const pair = fc.tuple(name, value, encoding).map(([n, v, how]) => {
  const enc = (s: string) => encodeURIComponent(s);
  switch (how) {
    case 'raw':
      return `${n.replace(/[&#=%]/g, '')}=${v.replace(/[&#]/g, '')}`;
    case 'double':
      return `${enc(enc(n))}=${enc(enc(v))}`;
    case 'broken':
      return `${enc(n)}=${enc(v)}%G${v.length % 10}%`;
    case 'plus':
      return `${enc(n)}=${enc(v).replace(/%20/g, '+')}`;
    default:
      return `${enc(n)}=${enc(v)}`;
  }
});
const query = fc.oneof(
  fc.array(pair, { maxLength: 8 }).map((ps) => ps.join('&')),
  // Mostly valid, one thing off: the interesting boundary.
  fc
    .tuple(fc.constantFrom(...TAG_CODES), fc.array(pair, { maxLength: 3 }))
    .map(([tag, ps]) => [`tag=${tag}`, ...ps].join('&')),
);

describe('hostile input', () => {
  it('never answers 5xx to 1,200 generated /api/jobs queries; every refusal names its field', async () => {
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const r = await h.listJobs(q);
        expect([200, 400]).toContain(r.status);
        if (r.status === 400) {
          refused++;
          expect(r.body.error?.code).toBe('InvalidArgument');
          expect(r.body.error?.field).toEqual(expect.any(String));
          expect(r.body.error?.field?.length).toBeGreaterThan(0);
          expect(r.body.error?.message).toEqual(expect.any(String));
        } else {
          accepted++;
        }
      }),
      { numRuns: 1200, seed: 20261125 },
    );
    // The generator reaches both sides of the boundary.
    expect(accepted).toBeGreaterThan(50);
    expect(refused).toBeGreaterThan(300);
  }, 120_000);

  it('never answers 5xx to 400 generated job IDs', async () => {
    const id = fc.oneof(fc.string({ maxLength: 80 }), nasty, fc.stringMatching(/^j[0-9a-f]{32}$/));
    await fc.assert(
      fc.asyncProperty(id, async (jobId) => {
        const r = await h.getJob(jobId);
        expect([200, 400, 404]).toContain(r.status);
        if (r.status === 400) expect(r.body.error?.field).toBe('jobId');
      }),
      { numRuns: 400, seed: 7 },
    );
  }, 60_000);

  it('let nothing through to CI that the seed page does not define or that failed validation', () => {
    const records = h.emulator.requests();
    expect(records.length).toBeGreaterThan(50);
    for (const r of records) {
      // Picture jobs are listed and looked up under /pic_jobs (reference §2.2).
      if (r.path === '/jobs' || r.path === '/pic_jobs') {
        for (const [k] of r.query) expect(LIST_JOBS_PARAMS).toContain(k);
        const again = parseListJobsQuery(new URLSearchParams(r.query));
        expect(again.ok, `${JSON.stringify(r.query)} reached CI`).toBe(true);
        // A value can pass our checks and still be refused by CI (a stale or foreign nextToken).
        expect([200, 400]).toContain(r.status);
      } else {
        expect(r.path).toMatch(/^\/(pic_)?jobs\/[^/]+$/);
        expect(JOB_ID.test(r.path.slice(r.path.lastIndexOf('/') + 1))).toBe(true);
        expect(r.query).toEqual([]);
      }
    }
  });

  it('never shows the SecretKey in any answer', () => {
    expect(h.bodies.join('\n')).not.toContain(TEST_CREDENTIAL.secretKey);
  });
});
