/**
 * One of several processes saving views into one data directory at once (tests/unit/views): argv is
 * the directory, the user, a name prefix and how many views to save, all started together.
 * Run with `tsx --conditions=react-server` (server/ is server-only).
 */
import { ViewsStore } from '@/server/views/saved-views-store';

const [dir, user, prefix, count] = process.argv.slice(2) as [string, string, string, string];
const store = new ViewsStore(dir);
const results = await Promise.all(
  Array.from({ length: Number(count) }, (_, i) =>
    store.save(user, { name: `${prefix}-${i}`, query: 'tag=Transcode&states=Failed' }),
  ),
);
const refused = results.filter((r) => !Array.isArray(r));
process.stdout.write(JSON.stringify({ saved: results.length - refused.length, refused: refused.length }));
