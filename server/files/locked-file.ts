/**
 * Small JSON files under DASHBOARD_DATA_DIR that several server processes may change at once (saved
 * views, revoked sessions): each change runs under an inter-process lock and is written atomically.
 *
 * The lock is proper-lockfile's (a `<file>.lock` directory made with mkdir, which is atomic, and kept
 * fresh while held, so a crashed holder's lock goes stale and is taken over): a kept, widely used
 * library rather than hand-written locking. The write goes to a temporary file that is renamed over
 * the old one, so a reader never sees half a file.
 */
import 'server-only';

import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { lock } from 'proper-lockfile';

/** Runs `change` while holding the lock on `file` (which need not exist yet). */
export async function withFileLock<T>(file: string, change: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(file), { recursive: true });
  const release = await lock(file, {
    realpath: false,
    // A holder refreshes its lock every stale/2; one not refreshed for 10 s is a crashed process's.
    stale: 10_000,
    // Waits up to about 10 s for another process's change (each takes milliseconds).
    retries: { retries: 200, factor: 1.2, minTimeout: 5, maxTimeout: 100, randomize: true },
  });
  try {
    return await change();
  } finally {
    await release().catch(() => undefined);
  }
}

/** Writes `text` to `file` through a temporary file and a rename (atomic on one file system). */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
