import { cookies } from 'next/headers';

import { parseViewInput } from '@/lib/saved-views';
import { apiError, badRequest, fromError, ok } from '@/server/api/responses';
import { denyCrossOrigin } from '@/server/api/same-origin';
import { loginRequired, SESSION_COOKIE, verifySession } from '@/server/auth/session';
import { viewsStore } from '@/server/views/saved-views-store';

export const dynamic = 'force-dynamic';

/**
 * Saved views of the signed-in user (server/views/saved-views-store). With login off there is no user to
 * keep them for: GET says the browser keeps them (`storage: "browser"`), and writes are refused.
 *
 * GET /api/views → { storage: "account", user, views } | { storage: "browser", views: [] }
 * PUT /api/views { name, query } → the views after (a view of that name is replaced)
 * DELETE /api/views?name=… → the views after, or 404
 */
async function currentUser(): Promise<string | null> {
  return verifySession((await cookies()).get(SESSION_COOKIE)?.value);
}

const LOGIN_OFF = () =>
  apiError(
    409,
    'ViewsInBrowser',
    'Login is off on this server: saved views are kept in the browser, not on the server',
  );
const UNAUTHORIZED = () => apiError(401, 'Unauthorized', 'Sign in to use the dashboard');

export async function GET() {
  if (!loginRequired()) return ok({ storage: 'browser', views: [] });
  const user = await currentUser();
  if (!user) return UNAUTHORIZED();
  try {
    return ok({ storage: 'account', user, views: await viewsStore().list(user) });
  } catch (error) {
    return fromError(error);
  }
}

export async function PUT(request: Request) {
  if (!loginRequired()) return LOGIN_OFF();
  const user = await currentUser();
  if (!user) return UNAUTHORIZED();
  const denied = denyCrossOrigin(request);
  if (denied) return denied;
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return badRequest('body', 'Send the view as JSON (Content-Type: application/json): { "name": "…", "query": "…" }');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return badRequest('body', 'The body is not valid JSON; send { "name": "…", "query": "…" }');
  }
  const parsed = parseViewInput(body);
  if (!parsed.ok) return badRequest(parsed.problem.field, parsed.problem.message);
  try {
    const result = await viewsStore().save(user, parsed.view);
    if (!Array.isArray(result)) return badRequest(result.field, result.message);
    return ok({ storage: 'account', user, views: result });
  } catch (error) {
    return fromError(error);
  }
}

export async function DELETE(request: Request) {
  if (!loginRequired()) return LOGIN_OFF();
  const user = await currentUser();
  if (!user) return UNAUTHORIZED();
  const denied = denyCrossOrigin(request);
  if (denied) return denied;
  const names = new URL(request.url).searchParams.getAll('name');
  if (names.length !== 1 || !names[0]!.trim())
    return badRequest('name', 'Name one view to delete: DELETE /api/views?name=…');
  try {
    const { views, removed } = await viewsStore().remove(user, names[0]!);
    if (!removed) return apiError(404, 'NoSuchView', `You have no view named "${names[0]!.trim()}"`, { field: 'name' });
    return ok({ storage: 'account', user, views });
  } catch (error) {
    return fromError(error);
  }
}
