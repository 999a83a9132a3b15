import { Suspense } from 'react';

import type { BucketInfo } from '@/lib/bucket-param';

import { BucketLabel, BucketSwitcher } from '../buckets/bucket-switcher';
import { FindJobBox } from '../find-job/find-job-box';
import { PreferencesBar } from '../preferences/preferences-bar';
import { ShortcutsHelp } from '../shortcuts/shortcuts-help';
import { HealthStatus, IndexStatus } from './health-status';
import { HomeLink, HomeLinkText } from './home-link';
import { PlainSectionNav, SectionNav } from './section-nav';

/**
 * The header of every dashboard page, rendered once by the route group's layout
 * (app/(dashboard)/layout.tsx): what this is, which backend and bucket it shows (the configuration
 * comes from the server, so it is right on first paint; a switcher when several buckets are
 * configured), the sections, and the time-zone and theme switches. What depends on the address (the
 * bucket on screen, the current section) is read from it in the browser, so the header survives
 * navigation between pages.
 */
export function AppHeader({
  mode,
  buckets,
  signOut = false,
}: {
  mode: 'emulator' | 'ci';
  /** Every configured bucket, the default first. */
  buckets: readonly BucketInfo[];
  /** Show "Sign out" (login is on). */
  signOut?: boolean;
}) {
  return (
    <header className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-[100rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Suspense fallback={<HomeLinkText href="/jobs" />}>
          <HomeLink buckets={buckets} />
        </Suspense>
        <Suspense fallback={<PlainSectionNav />}>
          <SectionNav />
        </Suspense>
        <Suspense fallback={<BucketLabel bucket={buckets[0]!} />}>
          <BucketSwitcher buckets={buckets} />
        </Suspense>
        {mode === 'emulator' ? (
          <span
            data-testid="backend-mode"
            title="Built-in CI emulator: demo data, because no cloud credentials are configured (see README, “Point it at real CI”)"
            className="rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100"
          >
            Emulator · demo data
          </span>
        ) : (
          <span
            data-testid="backend-mode"
            className="rounded bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100"
          >
            Tencent Cloud Infinite
          </span>
        )}
        <HealthStatus />
        <IndexStatus />
        <Suspense>
          <FindJobBox />
        </Suspense>
        <div className="ml-auto flex items-center gap-3">
          <PreferencesBar />
          <ShortcutsHelp />
          {signOut && (
            <form method="post" action="/api/auth/logout">
              <button
                type="submit"
                className="rounded px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"
              >
                Sign out
              </button>
            </form>
          )}
        </div>
      </div>
    </header>
  );
}
