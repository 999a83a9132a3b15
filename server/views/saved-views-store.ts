/**
 * Saved views of signed-in users, one small JSON file per user under DASHBOARD_DATA_DIR (default
 * `.data/` in the project, git-ignored). A dashboard with a handful of operators and ≤ 100 views
 * each needs no database; a file per user keeps one user's writes from touching another's.
 *
 * Writes go to a temporary file that is then renamed over the old one (rename is atomic on one
 * file system), so a crash or a concurrent reader never sees half a file. Changes of one user are
 * queued in this process, and each runs under a lock on the user's file (server/files/locked-file),
 * so two processes sharing the data directory do not both read the old list and lose a save.
 */
import 'server-only';

import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { removeView, sanitizeViews, upsertView, type SavedView, type ViewProblem } from '@/lib/saved-views';
import { serverConfig } from '@/server/config';
import { withFileLock, writeFileAtomic } from '@/server/files/locked-file';

/** The user names server/auth/config accepts; checked again here because they become file names. */
const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;

export class ViewsStore {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly dir: string) {}

  private fileOf(user: string): string {
    if (!USER_NAME.test(user)) throw new Error('not a user name');
    // A prefix, so names like "." or ".." are plain file names, never a directory.
    return path.join(this.dir, 'views', `user-${user}.json`);
  }

  async list(user: string): Promise<SavedView[]> {
    let text: string;
    try {
      text = await readFile(this.fileOf(user), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      return sanitizeViews((JSON.parse(text) as { views?: unknown }).views);
    } catch {
      // A damaged file (edited by hand) reads as no views rather than breaking the page; the next
      // save replaces it.
      return [];
    }
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
    const file = this.fileOf(user);
    // Read, change and write under the file's lock: another process may be changing it too.
    const run = () =>
      withFileLock(file, async () => {
        const next = apply(await this.list(user));
        if (!Array.isArray(next)) return next;
        await writeFileAtomic(file, `${JSON.stringify({ version: 1, views: next }, null, 2)}\n`);
        return next;
      });
    const previous = this.queues.get(user) ?? Promise.resolve();
    const result = previous.then(run, run);
    const settled = result.catch(() => undefined);
    this.queues.set(user, settled);
    void settled.then(() => {
      if (this.queues.get(user) === settled) this.queues.delete(user);
    });
    return result;
  }
}

const KEY = Symbol.for('ci-jobs-dashboard.views-store');
type Holder = { [KEY]?: ViewsStore };

/** One store per process (route bundles share it, and with it the per-user write queue). */
export function viewsStore(): ViewsStore {
  const holder = globalThis as Holder;
  holder[KEY] ??= new ViewsStore(serverConfig().dashboard.dataDir);
  return holder[KEY];
}
