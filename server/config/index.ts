/**
 * Every setting the server reads from its environment, read and checked in one place. The server
 * reads it once at start (instrumentation-node.ts): a variable that is set but wrong stops it there
 * with a ConfigError naming the variable, rather than misbehaving at the first request.
 */
import 'server-only';

import { readAuthConfig, type AuthConfig } from '@/server/auth/config';
import { readCiConfigs, readCiTiming, type CiConfig, type CiTiming } from '@/server/ci/config';

import { readDashboardSettings, type DashboardSettings } from './dashboard';
import { readEmulatorSettings, type EmulatorSettings } from './emulator';
import type { Env } from './env';
import { readJobIndexSettings, type JobIndexSettings } from './job-index';

export { ConfigError } from './env';

export interface ServerConfig {
  /** One config per real CI bucket, the default first; null: no credentials, run the emulator. */
  ci: CiConfig[] | null;
  /** Set when `ci` is null. */
  emulator: EmulatorSettings | null;
  /** Timeouts, retries and the shared read cache, for CI and the emulator alike. */
  ciTiming: CiTiming;
  auth: AuthConfig;
  dashboard: DashboardSettings;
  /** The job index (server/index): its store, its sync's pace and its callback token. */
  index: JobIndexSettings;
}

export function readServerConfig(env: Env = process.env): ServerConfig {
  const ci = readCiConfigs(env);
  const dashboard = readDashboardSettings(env);
  const index = readJobIndexSettings(env, dashboard.dataDir);
  return {
    ci,
    emulator: ci ? null : readEmulatorSettings(env),
    ciTiming: readCiTiming(env),
    // Real credentials, however they are configured (CI_SECRET_ID or a CI_BUCKETS profile), need a login.
    auth: readAuthConfig(env, { realCi: ci !== null, replicated: index.databaseUrl !== null }),
    dashboard,
    index,
  };
}

const KEY = Symbol.for('ci-jobs-dashboard.config');
type Holder = { [KEY]?: ServerConfig };

/**
 * The configuration of this process, read once: the proxy and every route bundle share it (and
 * with it the session key made at start when DASHBOARD_SESSION_SECRET is unset).
 */
export function serverConfig(): ServerConfig {
  const holder = globalThis as Holder;
  holder[KEY] ??= readServerConfig();
  return holder[KEY];
}
