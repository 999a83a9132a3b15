/**
 * Replicas for a test (scripts/lib/cluster.ts, the library behind `npm run cluster`): N production
 * servers and one emulator on free loopback ports, sharing a database of their own on the
 * PostgreSQL server TEST_DATABASE_URL names (created here, dropped at stop). Each replica is
 * stopped by its own pid. Needs the production build (npm run test:e2e makes it first).
 */
import { randomBytes } from 'node:crypto';

import { dropDatabase, startCluster as startReplicas, withDatabase, type Cluster } from '../../scripts/lib/cluster';

export type { Cluster } from '../../scripts/lib/cluster';

/** The PostgreSQL server of the replica tests, or null (the tests are then skipped, saying why). */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL?.trim() || null;
export const NO_DATABASE_REASON =
  'TEST_DATABASE_URL is not set: the replica tests need a real PostgreSQL server (.ci/run sets it)';

export interface TestClusterOptions {
  replicas: number;
  /** A server to make the database on; default TEST_DATABASE_URL. */
  databaseUrl?: string;
  env?: Record<string, string>;
  emulatorJobs?: number;
}

export async function startCluster(options: TestClusterOptions): Promise<Cluster> {
  const server = options.databaseUrl ?? testDatabaseUrl;
  if (!server) throw new Error(NO_DATABASE_REASON);
  const databaseUrl = withDatabase(server, `replicas_test_${Date.now()}_${randomBytes(4).toString('hex')}`);
  const cluster = await startReplicas({ ...options, databaseUrl });
  return {
    ...cluster,
    async stop() {
      await cluster.stop();
      await dropDatabase(databaseUrl);
    },
  };
}
