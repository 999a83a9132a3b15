/**
 * Sessions ended before their expiry (sign-out): each session has an ID (its JWT's `jti`), and a
 * signed-out ID is refused until the token would have expired anyway. Kept in the dashboard's store
 * (server/index/process-store), so a sign-out on one replica ends the session on all of them, and
 * survives restarts.
 *
 * Before the store, the list was a file, <DASHBOARD_DATA_DIR>/sessions/revoked.json: it is imported
 * once at first use (its unexpired entries) and then left alone, so no session signed out before an
 * upgrade comes back after it.
 */
import 'server-only';

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Kysely } from 'kysely';

import { serverConfig } from '@/server/config';
import { processStore } from '@/server/index/process-store';
import type { IndexDatabase } from '@/server/index/schema';

export interface SessionRevocations {
  /** Refuses session `id` from now until `expiresAt` (seconds since the epoch, the token's `exp`). */
  revoke(id: string, expiresAt: number): Promise<void>;
  isRevoked(id: string): Promise<boolean>;
}

type Db = Kysely<IndexDatabase>;

const nowSeconds = () => Math.floor(Date.now() / 1000);

export class StoreRevocations implements SessionRevocations {
  constructor(private readonly db: () => Promise<Db>) {}

  async revoke(id: string, expiresAt: number): Promise<void> {
    const db = await this.db();
    await db
      .insertInto('session_revocations')
      .values({ session_id: id, expires_s: expiresAt })
      .onConflict((oc) => oc.column('session_id').doUpdateSet({ expires_s: expiresAt }))
      .execute();
    // Expired entries are no use: dropped at each sign-out, so the table holds one lifetime's worth.
    await db.deleteFrom('session_revocations').where('expires_s', '<=', nowSeconds()).execute();
  }

  async isRevoked(id: string): Promise<boolean> {
    const row = await (
      await this.db()
    )
      .selectFrom('session_revocations')
      .select('session_id')
      .where('session_id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }
}

/**
 * Imports `dataDir`/sessions/revoked.json's unexpired entries, once per file (store_imports). A
 * damaged file stops the import, loudly: signed-out sessions must not come back silently.
 */
export async function importRevocationFile(db: Db, dataDir: string): Promise<number> {
  const file = path.join(dataDir, 'sessions', 'revoked.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  let entries: [string, number][];
  try {
    const revoked = (JSON.parse(text) as { revoked?: unknown }).revoked;
    entries = Object.entries(typeof revoked === 'object' && revoked !== null ? revoked : {}).filter(
      (e): e is [string, number] => typeof e[1] === 'number' && e[1] > nowSeconds(),
    );
  } catch {
    throw new Error(`${file} cannot be read as the list of signed-out sessions; fix or remove it`);
  }
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('store_imports')
      .values({ source: `revocations-json:${file}`, done_ms: Date.now() })
      .onConflict((oc) => oc.column('source').doNothing())
      .returning('source')
      .executeTakeFirst();
    if (!claimed || entries.length === 0) return 0;
    await trx
      .insertInto('session_revocations')
      .values(entries.map(([session_id, expires_s]) => ({ session_id, expires_s })))
      .onConflict((oc) => oc.column('session_id').doNothing())
      .execute();
    return entries.length;
  });
}

const KEY = Symbol.for('ci-jobs-dashboard.session-revocations');
type Holder = { [KEY]?: SessionRevocations };

/** The revocations of this process (the proxy and the routes share them). */
export function sessionRevocations(): SessionRevocations {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    let ready: Promise<Db> | null = null;
    const db = () => {
      if (!ready) {
        const attempt = processStore().then(async ({ db }) => {
          await importRevocationFile(db, serverConfig().dashboard.dataDir);
          return db;
        });
        ready = attempt;
        attempt.catch(() => {
          if (ready === attempt) ready = null;
        });
      }
      return ready;
    };
    holder[KEY] = new StoreRevocations(db);
  }
  return holder[KEY];
}
