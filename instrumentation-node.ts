/**
 * Validates the configuration (a bad variable stops the server with a message naming it) and,
 * with no credentials, starts the embedded emulator so the first page does not wait for it.
 */
import { getBackend } from './lib/ci/backend';
import { ConfigError } from './lib/ci/config';

export async function startBackend() {
  try {
    await getBackend();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\nConfiguration error — ${error.message}\nSee README.md, "Point it at real CI".\n`);
      process.exit(1);
    }
    throw error;
  }
}
