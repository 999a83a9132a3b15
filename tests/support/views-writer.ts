/**
 * One of several processes saving views into one PostgreSQL database at once (tests/unit/views):
 * argv is the database URL, the user, a name prefix and how many views to save, all started together.
 * Run with `tsx --conditions=react-server` (server/ is server-only).
 */
import { openStore } from '@/server/index/store';
import { ViewsStore } from '@/server/views/saved-views-store';

const [databaseUrl, user, prefix, count] = process.argv.slice(2) as [string, string, string, string];
const store = await openStore({ databaseUrl, pgliteDir: null });
const views = new ViewsStore(() => Promise.resolve(store.db));
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    views.save(user, { name: `${prefix}-${i}`, query: 'tag=Transcode&states=Failed' }),
  ),
);
await store.close();
const refused = results.filter((r) => !Array.isArray(r));
process.stdout.write(JSON.stringify({ saved: results.length - refused.length, refused: refused.length }));
