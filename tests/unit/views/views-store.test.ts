/** Saved views in the store (PGlite, and a real PostgreSQL server with TEST_DATABASE_URL), and the one-off import of the old JSON files. */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { ApiErrorBody } from '@/lib/ci/types';
import { MAX_VIEWS_PER_USER } from '@/lib/saved-views';
import { denyCrossOrigin } from '@/server/api/same-origin';
import { readServerConfig } from '@/server/config';
import type { JobStore } from '@/server/index/store';
import { importViewFiles, ViewsStore } from '@/server/views/saved-views-store';

import { resetStore, storeTargets } from '../index/stores';

const view = (name: string, query = 'tag=Transcode&states=Failed') => ({ name, query });

const run = promisify(execFile);

describe.each(storeTargets)('ViewsStore on $name', { timeout: 120_000 }, (target) => {
  let store: JobStore;
  let views: ViewsStore;
  beforeAll(async () => {
    store = await target.open();
    views = new ViewsStore(() => Promise.resolve(store.db));
  }, 120_000);
  afterAll(() => store?.close());
  beforeEach(() => resetStore(store));

  if (target.name === 'postgres') {
    it('keeps every save when two processes write one user’s views at once (50 concurrent saves each)', async () => {
      const db = (await store.db.selectNoFrom(sql<string>`current_database()`.as('name')).executeTakeFirst())!.name;
      const url = process.env.TEST_DATABASE_URL!.replace(/^(postgres(?:ql)?:\/\/[^/?]*)(\/[^?]*)?/, `$1/${db}`);
      const writer = (prefix: string) =>
        run(
          process.execPath,
          ['--import', 'tsx', '--conditions=react-server', 'tests/support/views-writer.ts', url, 'alice', prefix, '50'],
          { cwd: process.cwd() },
        );
      const outputs = await Promise.all([writer('a'), writer('b')]);
      for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual({ saved: 50, refused: 0 });
      const names = (await views.list('alice')).map((v) => v.name);
      expect(names).toHaveLength(100);
      expect(new Set(names)).toEqual(
        new Set([...Array.from({ length: 50 }, (_, i) => `a-${i}`), ...Array.from({ length: 50 }, (_, i) => `b-${i}`)]),
      );
    });
  }

  it('keeps each user’s views apart', async () => {
    expect(await views.list('alice')).toEqual([]);
    await views.save('alice', view('Mine'));
    await views.save('bob', view('His', 'tag=Snapshot'));
    expect(await views.list('alice')).toEqual([view('Mine')]);
    expect(await views.list('bob')).toEqual([view('His', 'tag=Snapshot')]);
    // Another store object on the same database (another process) reads the same.
    expect(await new ViewsStore(() => Promise.resolve(store.db)).list('alice')).toEqual([view('Mine')]);
  });

  it('replaces by name, removes, and says whether there was one to remove', async () => {
    await views.save('alice', view('Mine'));
    await views.save('alice', view('MINE', 'tag=Snapshot'));
    expect(await views.list('alice')).toEqual([view('MINE', 'tag=Snapshot')]);
    expect(await views.remove('alice', 'nope')).toEqual({ views: [view('MINE', 'tag=Snapshot')], removed: false });
    expect(await views.remove('alice', 'mine')).toEqual({ views: [], removed: true });
    expect(await views.list('alice')).toEqual([]);
  });

  it('loses no view when saves of one user overlap', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => views.save('alice', view(`v${i}`))));
    expect((await views.list('alice')).map((v) => v.name).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `v${i}`).sort(),
    );
  });

  it('refuses a view past the limit, and writes nothing then', async () => {
    for (let i = 0; i < MAX_VIEWS_PER_USER; i++) await views.save('alice', view(`v${i}`));
    expect(await views.save('alice', view('one more'))).toMatchObject({ field: 'name' });
    expect(await views.list('alice')).toHaveLength(MAX_VIEWS_PER_USER);
  });

  it('reads a damaged row as its well-formed views only', async () => {
    await store.db
      .insertInto('saved_views')
      .values({ user_name: 'alice', views: JSON.stringify([view('Good'), { name: 3 }, 'x']), updated_ms: 0 })
      .execute();
    expect(await views.list('alice')).toEqual([view('Good')]);
  });

  it('refuses what is not a user name', async () => {
    await expect(views.list('../alice')).rejects.toThrow('not a user name');
    await expect(views.save('a/b', view('x'))).rejects.toThrow('not a user name');
  });

  it('imports the old per-user JSON files once, keeps views already in the store, and leaves the files alone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'views-import-'));
    try {
      const dir = path.join(dataDir, 'views');
      mkdirSync(dir);
      const file = (user: string) => path.join(dir, `user-${user}.json`);
      writeFileSync(file('alice'), JSON.stringify({ version: 1, views: [view('From file'), view('Second')] }));
      writeFileSync(file('bob'), JSON.stringify({ version: 1, views: [view('Bob’s old one')] }));
      writeFileSync(file('carol'), '{ not json');
      const aliceText = readFileSync(file('alice'), 'utf8');
      // Bob saved a view in the store already: his stays, the file's is not merged in.
      await views.save('bob', view('Bob’s new one'));

      expect(await importViewFiles(store.db, dataDir)).toBe(1);
      expect(await views.list('alice')).toEqual([view('From file'), view('Second')]);
      expect(await views.list('bob')).toEqual([view('Bob’s new one')]);
      expect(await views.list('carol')).toEqual([]);
      expect(readFileSync(file('alice'), 'utf8')).toBe(aliceText);

      // Once: a view deleted after the import does not come back at the next start, nor does a file edited since.
      await views.remove('alice', 'Second');
      writeFileSync(file('alice'), JSON.stringify({ version: 1, views: [view('Edited later')] }));
      expect(await importViewFiles(store.db, dataDir)).toBe(0);
      expect(await views.list('alice')).toEqual([view('From file')]);
      // No directory, nothing to do.
      expect(await importViewFiles(store.db, path.join(dataDir, 'nowhere'))).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the data directory', () => {
  it('is DASHBOARD_DATA_DIR, else .data/ in the project', () => {
    expect(readServerConfig({ DASHBOARD_DATA_DIR: '/srv/dash' }).dashboard.dataDir).toBe('/srv/dash');
    expect(readServerConfig({}).dashboard.dataDir).toBe(path.join(process.cwd(), '.data'));
  });
});

describe('denyCrossOrigin', () => {
  const req = (headers: Record<string, string>) =>
    new Request('http://127.0.0.1:3000/api/views', { method: 'PUT', headers });

  it('lets a request from a page of this origin through', () => {
    expect(
      denyCrossOrigin(
        req({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
      ),
    ).toBeNull();
    expect(denyCrossOrigin(req({ host: 'dash.example:8443', origin: 'https://dash.example:8443' }))).toBeNull();
    // A form post from a page with Referrer-Policy: no-referrer sends Origin: null; the browser's
    // Sec-Fetch-Site says where it came from.
    expect(
      denyCrossOrigin(req({ host: '127.0.0.1:3000', origin: 'null', 'sec-fetch-site': 'same-origin' })),
    ).toBeNull();
  });

  it('refuses another origin, a missing or opaque Origin, and a cross-site fetch', async () => {
    for (const headers of [
      { host: '127.0.0.1:3000', origin: 'http://evil.localhost:3000' },
      { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' },
      { host: '127.0.0.1:3000' },
      { host: '127.0.0.1:3000', origin: 'null' },
      { host: '127.0.0.1:3000', origin: 'not a url' },
      { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'cross-site' },
      { host: '127.0.0.1:3000', origin: 'null', 'sec-fetch-site': 'cross-site' },
      { host: '127.0.0.1:3000', origin: 'null', 'sec-fetch-site': 'same-site' },
      { host: '127.0.0.1:3000', origin: 'http://evil.localhost:3000', 'sec-fetch-site': 'same-origin' },
    ] as Record<string, string>[]) {
      const res = denyCrossOrigin(req(headers));
      expect(res?.status, JSON.stringify(headers)).toBe(403);
      expect(((await res!.json()) as ApiErrorBody).error).toMatchObject({ code: 'CrossOrigin', field: 'origin' });
    }
  });
});
