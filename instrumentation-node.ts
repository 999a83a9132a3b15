/**
 * Reads and checks every setting (server/config: a bad variable stops the server with a message
 * naming it) and, with no credentials, starts the embedded emulator so the first page does not
 * wait for it; then starts the job index (server/index) in the background.
 */
import { getBackend } from './server/ci/backend';
import { ConfigError, serverConfig } from './server/config';
import { startJobIndex } from './server/index/runtime';

export async function startBackend() {
  try {
    const { users } = serverConfig().auth;
    await getBackend();
    // In the background: the first page does not wait for the store (health says `starting`).
    startJobIndex();
    console.log(users ? `[auth] login required (${users.size} user${users.size === 1 ? '' : 's'})` : '[auth] no login');
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nConfiguration error — ${error.message}\nSee README.md, "Point it at real CI".\n`);
      process.exit(1);
    }
    throw error;
  }
}
