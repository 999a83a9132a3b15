import { createServer } from 'node:net';

import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (CHROMIUM_PATH overrides it; set it to '' to use
 * Playwright's own browser where one is installed) through the real production server, which runs
 * the built-in emulator on EMULATOR_PORT so tests can switch its faults on and off.
 * Ports are picked once, in the main process; workers inherit them through the environment.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

process.env.E2E_PORT ??= String(await freePort());
// Two back-to-back picks can return the same port; the emulator must not take the server's.
while (!process.env.E2E_EMULATOR_PORT || process.env.E2E_EMULATOR_PORT === process.env.E2E_PORT) {
  process.env.E2E_EMULATOR_PORT = String(await freePort());
}
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    trace: 'off',
    launchOptions: {
      executablePath: executablePath || undefined,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: 'node scripts/start.mjs',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: process.env.E2E_PORT,
      HOST: '127.0.0.1',
      EMULATOR_PORT: process.env.E2E_EMULATOR_PORT,
      // The tests run on the emulator whatever the developer's shell has configured.
      CI_SECRET_ID: '',
      CI_SECRET_KEY: '',
      CI_SESSION_TOKEN: '',
      CI_ENDPOINT: '',
      CI_BUCKETS: '',
      // The demo's two buckets (tests/e2e/buckets.spec.ts), whatever the shell says.
      EMULATOR_BUCKETS: '',
      // Short enough for the timeout e2e to see CI "time out" without a long wait.
      CI_TIMEOUT_MS: '3000',
      // The pages still collect in the browser; the index's own specs start servers with it on, each
      // with its own data directory, so its sync's calls do not take the faults other specs set up.
      INDEX: 'off',
    },
  },
});
