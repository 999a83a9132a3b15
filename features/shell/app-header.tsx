import Link from 'next/link';
import { Suspense } from 'react';

import type { Section } from '@/features/shell/section-links';
import { withBucket, type BucketInfo } from '@/lib/bucket-param';

import { BucketLabel, BucketSwitcher } from '../buckets/bucket-switcher';
import { FindJobBox } from '../find-job/find-job-box';
import { PreferencesBar } from '../preferences/preferences-bar';
import { ShortcutsHelp } from '../shortcuts/shortcuts-help';
import { HealthStatus } from './health-status';
import { PlainSectionNav, SectionNav } from './section-nav';

/**
 * The header of every page: what this is, which backend and bucket it shows (rendered on the
 * server from the configuration, so it is right on first paint; a switcher when several buckets
 * are configured), and the time-zone and theme switches.
 */
export function AppHeader({
  mode,
  buckets,
  bucket = '',
  signOut = false,
  current = 'jobs',
}: {
  mode: 'emulator' | 'ci';
  /** Every configured bucket, the default first. */
  buckets: readonly BucketInfo[];
  /** The page's `?bucket=` ('' = the default). */
  bucket?: string;
  /** Show "Sign out" (login is on). */
  signOut?: boolean;
  /** The section this page belongs to, marked in the navigation. */
  current?: Section;
}) {
  // Links keep the bucket on screen (an unknown one is left behind: the page names it).
  const known = buckets.some((b) => b.bucket === bucket) ? bucket : '';
  return (
    <header className="border-b border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-[100rem] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2">
        <Link href={withBucket('/jobs', known)} className="text-sm font-semibold">
          CI jobs
        </Link>
        <Suspense fallback={<PlainSectionNav current={current} bucket={known} />}>
          <SectionNav current={current} />
        </Suspense>
        <Suspense fallback={<BucketLabel bucket={buckets.find((b) => b.bucket === bucket) ?? buckets[0]!} />}>
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
