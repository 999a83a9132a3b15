/**
 * features/jobs/api/job-stream: the reader of the index's NDJSON answer, over a stand-in fetch whose
 * body arrives in chunks cut anywhere (inside a job, inside a multi-byte character, between the two
 * bytes of nothing). Every job arrives once, whole and in order; `limit` stops the reading; an answer
 * cut inside a job is an error that keeps the jobs handed over before it.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { parseLines, streamIndexJobs } from '@/features/jobs/api/job-stream';
import type { JobListItem } from '@/lib/ci/types';

/** Jobs with the awkward parts of real ones: non-ASCII names, escapes, nesting, nulls. */
const jobArb = fc.record({
  jobId: fc.string({ minLength: 1, maxLength: 12 }),
  tag: fc.constantFrom('Transcode', 'Snapshot'),
  input: fc.record({ object: fc.string({ unit: 'grapheme', maxLength: 20 }), url: fc.constant(null) }),
  progress: fc.integer({ min: 0, max: 100 }),
  message: fc.string({ maxLength: 10 }),
  workflows: fc.array(fc.record({ name: fc.string({ maxLength: 5 }) }), { maxLength: 2 }),
}) as unknown as fc.Arbitrary<JobListItem>;

/** The answer's bytes cut at the given offsets, as a fetch Response streams them. */
function respond(bytes: Uint8Array, cuts: number[]): Response {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, bytes.length]) {
    if (c > from) parts.push(bytes.slice(from, c));
    from = Math.max(from, c);
  }
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = parts.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    }),
    { headers: { 'content-type': 'application/x-ndjson' } },
  );
}

async function read(body: string, cuts: number[], limit = 1_000_000) {
  vi.stubGlobal('fetch', () => Promise.resolve(respond(new TextEncoder().encode(body), cuts)));
  const batches: JobListItem[][] = [];
  const end = await streamIndexJobs('tag=Transcode', {
    signal: new AbortController().signal,
    limit,
    onJobs: (jobs) => batches.push(jobs),
  });
  return { end, jobs: batches.flat(), batches };
}

afterEach(() => vi.unstubAllGlobals());

describe('streamIndexJobs', () => {
  it('hands over every job once, whole and in order, however the answer is cut', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(jobArb, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        async (jobs, cuts) => {
          const body = jobs.map((j) => `${JSON.stringify(j)}\n`).join('');
          const got = await read(body, cuts);
          expect(got.end).toEqual({ complete: true });
          expect(got.jobs).toEqual(jobs);
          expect(got.batches.every((b) => b.length > 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops at the limit, saying the answer was not read to its end', async () => {
    const jobs = Array.from({ length: 10 }, (_, i) => ({ jobId: `j${i}` }) as JobListItem);
    const got = await read(jobs.map((j) => `${JSON.stringify(j)}\n`).join(''), [13, 50, 51, 200], 7);
    expect(got.end).toEqual({ complete: false });
    expect(got.jobs.map((j) => j.jobId)).toEqual(['j0', 'j1', 'j2', 'j3', 'j4', 'j5', 'j6']);
  });

  it('rejects an answer cut inside a job, after handing over the whole ones', async () => {
    vi.stubGlobal('fetch', () =>
      Promise.resolve(respond(new TextEncoder().encode('{"jobId":"a"}\n{"jobId":"b"}\n{"jobId":'), [5, 20])),
    );
    const seen: string[] = [];
    await expect(
      streamIndexJobs('tag=Transcode', {
        signal: new AbortController().signal,
        limit: 100,
        onJobs: (jobs) => seen.push(...jobs.map((j) => j.jobId)),
      }),
    ).rejects.toMatchObject({ code: 'StreamCut' });
    expect(seen).toEqual(['a', 'b']);
  });
});

describe('parseLines', () => {
  it('reads whole lines, blank ones holding no job', () => {
    expect(parseLines('')).toEqual([]);
    expect(parseLines('\n\n')).toEqual([]);
    expect(parseLines('{"a":1}\n\n{"a":"x\\ny"}\n')).toEqual([{ a: 1 }, { a: 'x\ny' }]);
    expect(parseLines('\n{"a":[1,2]}')).toEqual([{ a: [1, 2] }]);
  });
});
