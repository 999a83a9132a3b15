/**
 * Reads and checks every setting (server/config: a bad variable stops the server with a message
 * naming it) and, with no credentials, starts the embedded emulator so the first page does not
 * wait for it; then starts the job index (server/index) and opens the store in the background.
 */
import { getBackend } from './server/ci/backend';
import { ConfigError, serverConfig } from './server/config';
import { processStore, storeWanted } from './server/index/process-store';
import { startJobIndex, stopJobIndex } from './server/index/runtime';
import { startViewsStore } from './server/views/saved-views-store';

export async function startBackend() {
  try {
    const { users } = serverConfig().auth;
    await getBackend();
    // In the background: the first page does not wait for the store (health says `starting`).
    startJobIndex();
    // The store holds saved views and sign-outs (and, with DATABASE_URL, what replicas share):
    // opened now rather than by the first request, and the old view files imported once.
    if (storeWanted()) {
      if (users) startViewsStore();
      else processStore().catch((error: unknown) => console.error(`[store] could not open: ${String(error)}`));
    }
    closeIndexOnSignals();
    console.log(users ? `[auth] login required (${users.size} user${users.size === 1 ? '' : 's'})` : '[auth] no login');
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nConfiguration error — ${error.message}\nSee README.md, "Point it at real CI".\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * SIGTERM and SIGINT close the job index (its syncs, then the store) before the process ends: the
 * embedded PGlite store's files are consistent only after a clean close, and a server stopped
 * mid-write could not open them again. scripts/start.mjs sets NEXT_MANUAL_SIG_HANDLE, so Next's own
 * handler does not exit first; without it (a bare `next start`) both run and the close may be cut.
 */
function closeIndexOnSignals() {
  let closing = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing) return;
      closing = true;
      const code = signal === 'SIGINT' ? 130 : 143;
      // A store that cannot close in time must not keep the process alive.
      setTimeout(() => process.exit(code), 15_000).unref();
      void stopJobIndex()
        .then(() => console.log(`[index] ${signal}: the job index is closed`))
        .catch((error: unknown) => console.error('[index] closing the job index failed:', error))
        .finally(() => process.exit(code));
    });
  }
}
