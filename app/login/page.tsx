import { redirect } from 'next/navigation';

import { PageTitle, PRODUCT_NAME } from '@/components/ui/page-title';
import { sameOriginPath } from '@/server/api/redirect';
import { loginRequired } from '@/server/auth/session';

export const dynamic = 'force-dynamic';

const MESSAGES: Record<string, string> = {
  invalid: 'Wrong user name or password.',
  rate: 'Too many attempts from this computer. Wait a minute and try again.',
};

/** Sign-in: a plain form that works without JavaScript and posts to /api/auth/login. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sp = await searchParams;
  // Only a path of this site, judged as a browser resolves it: a login link must not become an open redirect.
  const next = sameOriginPath(sp.next);
  if (!loginRequired()) redirect(next);
  const error = typeof sp.error === 'string' ? MESSAGES[sp.error] : undefined;
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <PageTitle>Sign in</PageTitle>
      <form
        method="post"
        action="/api/auth/login"
        className="w-full max-w-sm space-y-4 rounded-lg border border-slate-200 p-6 shadow-sm dark:border-slate-800"
      >
        <h1 className="text-lg font-semibold">Sign in to {PRODUCT_NAME}</h1>
        {error && (
          <p
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          >
            {error}
          </p>
        )}
        <input type="hidden" name="next" value={next} />
        <label className="block text-sm">
          <span className="mb-1 block font-medium">User</span>
          <input
            name="user"
            autoComplete="username"
            required
            className="w-full rounded border border-slate-300 bg-transparent px-2 py-1.5 focus:outline-2 focus:outline-blue-600 dark:border-slate-700"
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="w-full rounded border border-slate-300 bg-transparent px-2 py-1.5 focus:outline-2 focus:outline-blue-600 dark:border-slate-700"
          />
        </label>
        <button
          type="submit"
          className="w-full rounded bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700 focus:outline-2 focus:outline-offset-2 focus:outline-blue-600"
        >
          Sign in
        </button>
      </form>
    </main>
  );
}
