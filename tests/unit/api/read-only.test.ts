/**
 * Read-only by construction: the /api routes export GET handlers only (sign-in, sign-out and CI's
 * callback into the job index are the sole POSTs, saved views the sole PUT/DELETE — none of them
 * touches CI state), and the CI client has no method that writes.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CiClient } from '@/server/ci/client';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : name === 'route.ts' ? [path] : [];
  });
}

const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

describe('read-only by construction', () => {
  it('exports only GET from every /api route but sign-in, sign-out, saved views and the CI callback', async () => {
    const files = routeFiles('app/api');
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const mod = (await import(`@/${file.replace(/\\/g, '/')}`)) as Record<string, unknown>;
      const writes = WRITE_METHODS.filter((m) => m in mod);
      if (file.includes('/auth/')) expect(writes, file).toEqual(['POST']);
      else if (file.replace(/\\/g, '/') === 'app/api/views/route.ts') expect(writes, file).toEqual(['PUT', 'DELETE']);
      else if (file.replace(/\\/g, '/') === 'app/api/ci/callback/route.ts') expect(writes, file).toEqual(['POST']);
      else {
        expect(writes, file).toEqual([]);
        expect(typeof mod.GET, file).toBe('function');
      }
    }
  });

  it('gives the CI client no way to send anything but GET', () => {
    const methods = Object.getOwnPropertyNames(CiClient.prototype);
    expect(methods.filter((m) => /^(put|post|delete|patch|create|update|cancel|submit)/i.test(m))).toEqual([]);
  });
});
