/** The per-user file store of saved views, on a real temporary directory. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ApiErrorBody } from '@/lib/ci/types';
import { MAX_VIEWS_PER_USER } from '@/lib/saved-views';
import { denyCrossOrigin } from '@/server/api/same-origin';
import { readServerConfig } from '@/server/config';
import { ViewsStore } from '@/server/views/saved-views-store';

let dir: string;
let store: ViewsStore;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'views-store-'));
  store = new ViewsStore(dir);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const view = (name: string, query = 'tag=Transcode&states=Failed') => ({ name, query });

const run = promisify(execFile);

describe('ViewsStore', () => {
  it('keeps every save when two processes write one user’s views at once (50 concurrent saves each)', async () => {
    const writer = (prefix: string) =>
      run(
        process.execPath,
        ['--import', 'tsx', '--conditions=react-server', 'tests/support/views-writer.ts', dir, 'alice', prefix, '50'],
        { cwd: process.cwd(), env: { ...process.env, DASHBOARD_DATA_DIR: dir } },
      );
    const outputs = await Promise.all([writer('a'), writer('b')]);
    for (const { stdout } of outputs) expect(JSON.parse(stdout)).toEqual({ saved: 50, refused: 0 });
    const names = (await store.list('alice')).map((v) => v.name);
    expect(names).toHaveLength(100);
    expect(new Set(names)).toEqual(
      new Set([...Array.from({ length: 50 }, (_, i) => `a-${i}`), ...Array.from({ length: 50 }, (_, i) => `b-${i}`)]),
    );
    // No lock or temporary file is left behind.
    expect(readdirSync(path.join(dir, 'views'))).toEqual(['user-alice.json']);
  }, 60_000);

  it('keeps each user’s views apart, in a file of their own', async () => {
    expect(await store.list('alice')).toEqual([]);
    await store.save('alice', view('Mine'));
    await store.save('bob', view('His', 'tag=Snapshot'));
    expect(await store.list('alice')).toEqual([view('Mine')]);
    expect(await store.list('bob')).toEqual([view('His', 'tag=Snapshot')]);
    expect(readdirSync(path.join(dir, 'views')).sort()).toEqual(['user-alice.json', 'user-bob.json']);
    // Another store on the same directory (another process) reads the same.
    expect(await new ViewsStore(dir).list('alice')).toEqual([view('Mine')]);
  });

  it('replaces by name, removes, and says whether there was one to remove', async () => {
    await store.save('alice', view('Mine'));
    await store.save('alice', view('MINE', 'tag=Snapshot'));
    expect(await store.list('alice')).toEqual([view('MINE', 'tag=Snapshot')]);
    expect(await store.remove('alice', 'nope')).toEqual({ views: [view('MINE', 'tag=Snapshot')], removed: false });
    expect(await store.remove('alice', 'mine')).toEqual({ views: [], removed: true });
    expect(await store.list('alice')).toEqual([]);
  });

  it('loses no view when saves of one user overlap, and leaves no temporary file', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.save('alice', view(`v${i}`))));
    expect((await store.list('alice')).map((v) => v.name).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `v${i}`).sort(),
    );
    expect(readdirSync(path.join(dir, 'views'))).toEqual(['user-alice.json']);
    expect(JSON.parse(readFileSync(path.join(dir, 'views', 'user-alice.json'), 'utf8'))).toMatchObject({ version: 1 });
  });

  it('refuses a view past the limit, and writes nothing then', async () => {
    for (let i = 0; i < MAX_VIEWS_PER_USER; i++) await store.save('alice', view(`v${i}`));
    expect(await store.save('alice', view('one more'))).toMatchObject({ field: 'name' });
    expect(await store.list('alice')).toHaveLength(MAX_VIEWS_PER_USER);
  });

  it('reads a damaged file as no views, and the next save repairs it', async () => {
    await store.save('alice', view('Mine'));
    writeFileSync(path.join(dir, 'views', 'user-alice.json'), '{ not json');
    expect(await store.list('alice')).toEqual([]);
    await store.save('alice', view('Again'));
    expect(await store.list('alice')).toEqual([view('Again')]);
  });

  it('never turns a user name into a path elsewhere', async () => {
    await store.save('..', view('Dots'));
    expect(readdirSync(path.join(dir, 'views'))).toEqual(['user-...json']);
    await expect(store.list('../alice')).rejects.toThrow('not a user name');
    await expect(store.save('a/b', view('x'))).rejects.toThrow('not a user name');
  });

  it('lives in DASHBOARD_DATA_DIR, else .data/ in the project', () => {
    expect(readServerConfig({ DASHBOARD_DATA_DIR: dir }).dashboard.dataDir).toBe(dir);
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
