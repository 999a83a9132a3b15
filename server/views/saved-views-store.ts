/**
 * Saved views of signed-in users, in the dashboard's store (server/index/process-store: PGlite in
 * DASHBOARD_DATA_DIR, or the PostgreSQL server at DATABASE_URL that every replica shares): one row
 * per user holding the user's whole list, which lib/saved-views orders and checks.
 *
 * A change reads the row under a row lock (SELECT … FOR UPDATE), applies lib/saved-views and writes
 * it back in one transaction, so two replicas saving for one user at once both keep their view.
 *
 * Before the store, views were one JSON file per user under <DASHBOARD_DATA_DIR>/views. Those files
 * are imported once, at start (importViewFiles), and then left alone: a user who already has views
 * in the store keeps them, and the import is recorded so it never runs twice.
 */
import 'server-only';

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

import type { Kysely } from 'kysely';

import { removeView, sanitizeViews, upsertView, type SavedView, type ViewProblem } from '@/lib/saved-views';
import { serverConfig } from '@/server/config';
import { processStore } from '@/server/index/process-store';
import type { IndexDatabase } from '@/server/index/schema';

/** The user names server/auth/config accepts; checked again here, as they were once file names. */
const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

function checkUser(user: string): string {
  if (!USER_NAME.test(user)) throw new Error('not a user name');
  return user;
}

type Db = Kysely<IndexDatabase>;

export class ViewsStore {
  /** `db`: the store to use, awaited at each call (it may still be opening). */
  constructor(private readonly db: () => Promise<Db>) {}

  async list(user: string): Promise<SavedView[]> {
    checkUser(user);
    const row = await (
      await this.db()
    )
      .selectFrom('saved_views')
      .select('views')
      .where('user_name', '=', user)
      .executeTakeFirst();
    return sanitizeViews(row?.views ?? []);
  }

  /** Adds or replaces a view by name; answers the user's views after the change, or why not. */
  save(user: string, view: SavedView): Promise<SavedView[] | ViewProblem> {
    return this.change(user, (views) => upsertView(views, view));
  }

  /** Removes a view by name; answers the views after, and whether it was there. */
  async remove(user: string, name: string): Promise<{ views: SavedView[]; removed: boolean }> {
    let removed = false;
    const views = await this.change(user, (before) => {
      const after = removeView(before, name);
      removed = after.length !== before.length;
      return after;
    });
    return { views: views as SavedView[], removed };
  }

  private async change(
    user: string,
    apply: (views: SavedView[]) => SavedView[] | ViewProblem,
  ): Promise<SavedView[] | ViewProblem> {
    checkUser(user);
    const db = await this.db();
    return db.transaction().execute(async (trx) => {
      // The row first (a new user has none), so there is always one to lock.
      await trx
        .insertInto('saved_views')
        .values({ user_name: user, views: '[]', updated_ms: Date.now() })
        .onConflict((oc) => oc.column('user_name').doNothing())
        .execute();
      const row = await trx
        .selectFrom('saved_views')
        .select('views')
        .where('user_name', '=', user)
        .forUpdate()
        .executeTakeFirstOrThrow();
      const next = apply(sanitizeViews(row.views));
      if (!Array.isArray(next)) return next;
      await trx
        .updateTable('saved_views')
        .set({ views: JSON.stringify(next), updated_ms: Date.now() })
        .where('user_name', '=', user)
        .execute();
      return next;
    });
  }
}

/**
 * Imports the per-user JSON files of `dataDir`/views into the store, once per directory (recorded
 * in store_imports, claimed in the same transaction so two processes starting together import
 * once). A user who has views in the store already keeps them; a damaged file is skipped with a
 * warning. The files are never changed or removed. Answers how many users' views were imported.
 */
export async function importViewFiles(db: Db, dataDir: string): Promise<number> {
  const dir = path.join(dataDir, 'views');
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /^user-.+\.json$/.test(f));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  if (files.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('store_imports')
      .values({ source: `views-json:${dir}`, done_ms: Date.now() })
      .onConflict((oc) => oc.column('source').doNothing())
      .returning('source')
      .executeTakeFirst();
    if (!claimed) return 0;
    let imported = 0;
    for (const file of files) {
      const user = file.slice('user-'.length, -'.json'.length);
      if (!USER_NAME.test(user)) continue;
      let views: SavedView[];
      try {
        views = sanitizeViews((JSON.parse(await readFile(path.join(dir, file), 'utf8')) as { views?: unknown }).views);
      } catch {
        console.warn(`[views] ${path.join(dir, file)} is not readable as saved views; not imported`);
        continue;
      }
      if (views.length === 0) continue;
      const row = await trx
        .insertInto('saved_views')
        .values({ user_name: user, views: JSON.stringify(views), updated_ms: Date.now() })
        .onConflict((oc) => oc.column('user_name').doNothing())
        .returning('user_name')
        .executeTakeFirst();
      if (row) imported++;
    }
    return imported;
  });
}

const KEY = Symbol.for('ci-jobs-dashboard.views-store');
type Holder = { [KEY]?: { store: ViewsStore; ready: Promise<Db> | null } };

function holder() {
  const g = globalThis as Holder;
  g[KEY] ??= {
    store: new ViewsStore(() => ready()),
    ready: null,
  };
  return g[KEY];
}

/** The process store with the data directory's view files imported (once; retried after a failure). */
function ready(): Promise<Db> {
  const h = holder();
  if (!h.ready) {
    const attempt = (async () => {
      const { db } = await processStore();
      const dataDir = serverConfig().dashboard.dataDir;
      const imported = await importViewFiles(db, dataDir);
      if (imported > 0) {
        console.log(
          `[views] imported the saved views of ${imported} user(s) from ${path.join(dataDir, 'views')} into the store; the files are left as they were`,
        );
      }
      return db;
    })();
    h.ready = attempt;
    attempt.catch(() => {
      if (h.ready === attempt) h.ready = null;
    });
  }
  return h.ready;
}

/** Opens the store and imports the view files at start, so the first page does not wait for it. */
export function startViewsStore(): void {
  ready().catch((error: unknown) =>
    console.error(`[views] the store of saved views could not open: ${(error as Error).message ?? error}`),
  );
}

/** One store per process (route bundles share it). */
export function viewsStore(): ViewsStore {
  return holder().store;
}
