/**
 * Read-only by construction, checked by what a client gets back: every method but GET/HEAD sent to
 * every /api route is answered 405 — by the real proxy (the first line), and by the route itself as
 * Next dispatches it (the route table: a method the module does not handle is Next's 405). Sign-in
 * and sign-out take POST, saved views PUT and DELETE, CI's callback into the job index POST (none of
 * them touches CI); those pass the proxy
 * to their own handler, and every other method is still 405 there. The CI client has no method
 * that writes.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Next's own dispatch of a route module's methods (what the server runs for app/**/route.ts).
import { autoImplementMethods } from 'next/dist/server/route-modules/app-route/helpers/auto-implement-methods';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';

import { proxy } from '@/proxy';
import { CiClient } from '@/server/ci/client';

process.env.DASHBOARD_RATE_LIMIT = '0';

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? routeFiles(path) : name === 'route.ts' ? [path] : [];
  });
}

/** The URL a route file answers (`app/api/jobs/[jobId]/route.ts` → `/api/jobs/j…`). */
const urlPath = (file: string) =>
  `/${dirname(file.replace(/\\/g, '/'))
    .replace(/^app\//, '')
    .replace(/\[[^\]]+\]/g, 'j0123456789abcdef0123456789abcdef')}`;

const WRITES: Record<string, string[]> = {
  '/api/auth/login': ['POST'],
  '/api/auth/logout': ['POST'],
  '/api/views': ['PUT', 'DELETE'],
  // CI's TaskFinish/WorkflowFinish callbacks into the job index (token-checked; writes only the index).
  '/api/ci/callback': ['POST'],
};
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

const routes = routeFiles('app/api').map((file) => ({ file, path: urlPath(file) }));

type Handler = (request: Request, context?: unknown) => Response | Promise<Response>;

describe('read-only by construction', () => {
  it('finds every /api route', () => {
    expect(routes.map((r) => r.path).sort()).toEqual(
      expect.arrayContaining(['/api/health', '/api/jobs', '/api/jobs/all', '/api/queues', '/api/views']),
    );
  });

  it.each(routes)('$path answers every write method 405 unless it is one of its own', async ({ file, path }) => {
    const mod = (await import(/* @vite-ignore */ `@/${file.replace(/\\/g, '/')}`)) as Record<string, Handler>;
    const dispatch = autoImplementMethods(mod) as unknown as Record<string, Handler>;
    const allowed = WRITES[path] ?? [];
    for (const method of WRITE_METHODS) {
      const url = `http://127.0.0.1:3000${path}`;
      const viaProxy = await proxy(new NextRequest(url, { method }));
      if (allowed.length === 0) {
        expect([method, viaProxy.status]).toEqual([method, 405]);
        expect(viaProxy.headers.get('allow')).toBe('GET, HEAD');
        expect(((await viaProxy.json()) as { error: { code: string } }).error.code).toBe('MethodNotAllowed');
      } else {
        // Passed on to the route (Next's "continue" answer), which decides.
        expect([method, viaProxy.headers.get('x-middleware-next')]).toEqual([method, '1']);
      }
      if (allowed.includes(method)) {
        expect(dispatch[method], `${method} ${path}`).toBe(mod[method]);
      } else {
        const viaRoute = await dispatch[method]!(new Request(url, { method }), { params: Promise.resolve({}) });
        expect([method, viaRoute.status]).toEqual([method, 405]);
      }
    }
    if (allowed.length === 0) expect(dispatch.GET, `GET ${path}`).toBe(mod.GET);
  });

  it('gives the CI client no way to send anything but GET', () => {
    const methods = Object.getOwnPropertyNames(CiClient.prototype);
    expect(methods.filter((m) => /^(put|post|delete|patch|create|update|cancel|submit)/i.test(m))).toEqual([]);
  });
});
