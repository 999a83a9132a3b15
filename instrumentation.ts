/**
 * Runs once when the server starts: validates the configuration (a bad variable stops the server
 * with a message naming it) and, with no credentials, starts the embedded emulator so the first
 * page is served without waiting for it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getBackend } = await import('./lib/ci/backend');
  const { ConfigError } = await import('./lib/ci/config');
  try {
    await getBackend();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nConfiguration error — ${error.message}\nSee README.md, "Pointing it at real CI".\n`);
      process.exit(1);
    }
    throw error;
  }
}
