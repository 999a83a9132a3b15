'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';

import { cn, focusRing } from '@/components/ui/cn';
import { Drawer } from '@/components/ui/drawer';
import { useCurrentBucket } from '@/features/buckets/use-bucket';
import { withBucket } from '@/lib/bucket-param';

import { DetailSkeleton } from './detail-skeleton';

// The detail (its sections, panels and their formatting) loads when a job is first opened.
const JobDetailLoader = dynamic(() => import('./job-detail-loader').then((m) => m.JobDetailLoader), {
  loading: () => <DetailSkeleton />,
});

/** The detail drawer of the list; its job is `?job=` in the URL, so a link reopens it. */
export function JobDrawer({ jobId, onClose }: { jobId: string | null; onClose: () => void }) {
  // The job's own page, in the same bucket.
  const bucket = useCurrentBucket();
  return (
    <Drawer
      open={Boolean(jobId)}
      onClose={onClose}
      title={
        <>
          Job <span className="font-mono">{jobId}</span>
        </>
      }
      actions={
        jobId ? (
          <Link
            href={withBucket(`/jobs/${encodeURIComponent(jobId)}`, bucket)}
            className={cn('rounded px-2 py-1 text-xs text-blue-700 hover:underline dark:text-blue-300', focusRing)}
          >
            Open as page ↗
          </Link>
        ) : null
      }
    >
      {jobId && <JobDetailLoader key={jobId} jobId={jobId} />}
    </Drawer>
  );
}
