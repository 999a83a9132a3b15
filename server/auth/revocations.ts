/**
 * Sessions ended before their expiry (sign-out): each session has an ID (its JWT's `jti`), and a
 * signed-out ID is refused until the token would have expired anyway. Behind a small interface so the
 * list can move into the database with the job index; today it is a file in DASHBOARD_DATA_DIR
 * (`sessions/revoked.json`), so it survives restarts and is shared by processes on one data dir.
 */
import 'server-only';

import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import { serverConfig } from '@/server/config';
import { withFileLock, writeFileAtomic } from '@/server/files/locked-file';

export interface SessionRevocations {
  /** Refuses session `id` from now until `expiresAt` (seconds since the epoch, the token's `exp`). */
  revoke(id: string, expiresAt: number): Promise<void>;
  isRevoked(id: string): Promise<boolean>;
}

type Revoked = Record<string, number>;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The file holds `{ version: 1, revoked: { <id>: <exp> } }`; expired entries are dropped at each
 * write, so it holds at most the sign-outs of one session lifetime. Reads are cached and the file
 * is read again only when it has changed (another process signed out): one stat per check.
 */
export class FileRevocations implements SessionRevocations {
  private readonly file: string;
  private cache: { version: string; revoked: Revoked } | null = null;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'sessions', 'revoked.json');
  }

  /** The file's identity: a write renames a new file over it, so the inode changes every time. */
  private async version(): Promise<string | null> {
    try {
      const s = await stat(this.file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  private async read(): Promise<Revoked> {
    const version = await this.version();
    if (version === null) return {};
    if (this.cache?.version === version) return this.cache.revoked;
    let revoked: Revoked = {};
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as { revoked?: unknown };
      if (typeof parsed.revoked === 'object' && parsed.revoked !== null) {
        revoked = Object.fromEntries(
          Object.entries(parsed.revoked).filter((e): e is [string, number] => typeof e[1] === 'number'),
        );
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      // A damaged file must not let signed-out sessions back in silently: fail closed, loudly.
      throw new Error(`${this.file} cannot be read as the list of signed-out sessions; fix or remove it`);
    }
    this.cache = { version, revoked };
    return revoked;
  }

  async revoke(id: string, expiresAt: number): Promise<void> {
    await withFileLock(this.file, async () => {
      const now = nowSeconds();
      const kept = Object.entries(await this.read()).filter(([, exp]) => exp > now);
      const revoked: Revoked = Object.fromEntries([...kept, [id, expiresAt]]);
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, revoked })}\n`);
      this.cache = null;
    });
  }

  async isRevoked(id: string): Promise<boolean> {
    return (await this.read())[id] !== undefined;
  }
}

const KEY = Symbol.for('ci-jobs-dashboard.session-revocations');
type Holder = { [KEY]?: SessionRevocations };

/** The revocations of this process (the proxy and the routes share them). */
export function sessionRevocations(): SessionRevocations {
  const holder = globalThis as Holder;
  holder[KEY] ??= new FileRevocations(serverConfig().dashboard.dataDir);
  return holder[KEY];
}
