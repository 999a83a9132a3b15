import { getBackend } from '@/lib/ci/backend';
import { CiError } from '@/lib/ci/errors';
import { fromError, ok } from '@/lib/api-server/responses';
import { denyWithoutSession } from '@/lib/api-server/guard';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health: which backend this server uses and whether it answers. Reachability is a real
 * signed call (the queue list), so a wrong key shows here as the 403 it is.
 */
export async function GET() {
  const denied = await denyWithoutSession();
  if (denied) return denied;
  try {
    const { client, config } = await getBackend();
    const started = performance.now();
    let upstream: { reachable: boolean; latencyMs: number; error?: { code: string; message: string } };
    try {
      await client.get('/queue', [['pageSize', '1']]);
      upstream = { reachable: true, latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const e = error instanceof CiError ? error : null;
      upstream = {
        // An answer of any kind from CI means it is reachable; only network failures and timeouts mean not.
        reachable: e !== null && e.kind === 'ci',
        latencyMs: Math.round(performance.now() - started),
        error: { code: e?.code ?? 'InternalError', message: e?.message ?? 'unexpected error' },
      };
    }
    return ok({
      mode: config.mode,
      endpoint: config.mode === 'emulator' ? config.endpoint : undefined,
      bucket: config.bucket,
      region: config.region,
      upstream,
    });
  } catch (error) {
    return fromError(error);
  }
}
