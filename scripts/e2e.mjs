#!/usr/bin/env node
/**
 * `npm run test:e2e`: builds the app with a fresh, unique sentinel SecretKey in the environment,
 * then runs Playwright. The secrets spec runs the build with that key against an emulator and looks
 * for it everywhere a browser or a log could see it; building with it proves the bundle cannot
 * have picked it up either.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sentinel = `SENTINEL${randomBytes(12).toString('hex')}`;
const env = { ...process.env, E2E_SENTINEL_SECRET_KEY: sentinel };

const build = spawnSync(process.execPath, [join(root, 'node_modules/next/dist/bin/next'), 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...env, CI_SECRET_KEY: sentinel, CI_SECRET_ID: 'AKIDsentinelBUILD000', DASHBOARD_AUTH: 'none' },
});
if (build.status !== 0) process.exit(build.status ?? 1);

const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
    env,
  },
);
process.exit(run.status ?? 1);
