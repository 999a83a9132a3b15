/**
 * Runs the real /api route handlers against a real emulator over HTTP, with real-CI style
 * configuration (CI_ENDPOINT + a key pair): import it first in a test file, before the routes.
 * Each vitest file is its own process, so the backend singleton belongs to that file.
 */
import { startEmulator } from '@/emulator';

export const TEST_CREDENTIAL = { secretId: 'AKIDharnessTEST0000', secretKey: 'SENTINEL-harness-key-5e6f7a8b9c' };

export async function startRouteHarness(env: Record<string, string> = {}) {
  const emulator = await startEmulator({ port: 0, credentials: [TEST_CREDENTIAL] });
  Object.assign(process.env, {
    CI_SECRET_ID: TEST_CREDENTIAL.secretId,
    CI_SECRET_KEY: TEST_CREDENTIAL.secretKey,
    CI_ENDPOINT: emulator.url,
    DASHBOARD_AUTH: 'none',
    CI_CACHE_TTL_MS: '0',
    DASHBOARD_RATE_LIMIT: '0',
    ...env,
  });
  const jobs = await import('@/app/api/jobs/route');
  const job = await import('@/app/api/jobs/[jobId]/route');
  const bodies: string[] = [];
  const call = async (promise: Promise<Response>) => {
    const res = await promise;
    const text = await res.text();
    bodies.push(text);
    return {
      status: res.status,
      body: JSON.parse(text) as {
        error?: { code: string; message: string; field?: string; requestId?: string };
        [k: string]: unknown;
      },
    };
  };
  return {
    emulator,
    bodies,
    /** GET /api/jobs with a raw query string, exactly as a browser would send it. */
    listJobs: (rawQuery: string) => call(jobs.GET(new Request(`http://localhost/api/jobs?${rawQuery}`))),
    getJob: (id: string) =>
      call(
        job.GET(new Request(`http://localhost/api/jobs/${encodeURIComponent(id)}`), {
          params: Promise.resolve({ jobId: id }),
        }),
      ),
  };
}
