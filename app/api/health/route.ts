import { bucketRoute } from '@/server/api/bucket';
import { ok } from '@/server/api/responses';
import { getBackend } from '@/server/ci/backend';
import { CiError } from '@/server/ci/errors';
import { serverConfig } from '@/server/config';
import { indexHealth, isSyncLeader, storeHealth } from '@/server/index/runtime';

export const dynamic = 'force-dynamic';

/**
 * GET /api/health[?bucket=…]: which backend this server uses, its buckets (name and region, never a
 * key), and whether the chosen bucket (default the first) answers. Reachability is a real signed
 * call (the queue list), so a wrong key shows here as the 403 it is. `index` is the job index's
 * state for the chosen bucket (off, starting, backfilling, live, behind), each bucket's beside it.
 * `replica` says which process answered and whether it leads the index's sync, `store` whether
 * the index's store answers — what a load balancer probes when several replicas share one database.
 */
export function GET(request: Request) {
  return bucketRoute(
    request,
    async (backend) => {
      const { buckets, emulatorUrl } = await getBackend();
      const { client, config } = backend;
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
        endpoint: config.mode === 'emulator' ? (emulatorUrl ?? config.endpoint) : undefined,
        bucket: config.bucket,
        region: config.region,
        buckets: await Promise.all(
          buckets.map(async (b) => ({ bucket: b.bucket, region: b.region, index: await indexHealth(b.bucket) })),
        ),
        upstream,
        index: await indexHealth(config.bucket),
        replica: { id: serverConfig().index.replicaId, syncLeader: isSyncLeader() },
        store: await storeHealth(),
      });
    },
    { onlyBucket: true },
  );
}
