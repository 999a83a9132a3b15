/**
 * Validates the configuration (a bad variable stops the server with a message naming it) and,
 * with no credentials, starts the embedded emulator so the first page does not wait for it.
 */
import { authConfig, AuthConfigError } from './server/auth/session';
import { getBackend } from './server/ci/backend';
import { ConfigError } from './server/ci/config';

export async function startBackend() {
  try {
    const { users } = authConfig();
    await getBackend();
    console.log(users ? `[auth] login required (${users.size} user${users.size === 1 ? '' : 's'})` : '[auth] no login');
  } catch (error) {
    if (error instanceof ConfigError || error instanceof AuthConfigError) {
      console.error(`\nConfiguration error — ${error.message}\nSee README.md, "Point it at real CI".\n`);
      process.exit(1);
    }
    throw error;
  }
}
