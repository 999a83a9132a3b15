import type { ReactNode } from 'react';

import { AppHeader } from '@/features/shell/app-header';
import { loginRequired } from '@/server/auth/session';
import { bucketInfos, getBackend } from '@/server/ci/backend';

/**
 * The frame of every dashboard page (/jobs, /jobs/<id>, /jobs/lookup, /overview, /triage; the group
 * adds nothing to their URLs): the header, with the backend and the configured buckets, rendered once
 * here rather than by each page.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { mode } = await getBackend();
  return (
    <>
      <AppHeader mode={mode} buckets={await bucketInfos()} signOut={loginRequired()} />
      {children}
    </>
  );
}
