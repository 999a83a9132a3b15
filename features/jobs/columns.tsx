'use client';

/**
 * The jobs table's columns: accessor (also the sort key of the loaded rows), header and cell.
 * Column ids are the `sort` values of the URL (lib/jobs-search-params SORTABLE_COLUMNS). A `cell` is
 * called by the row as a plain function (components/data-table/data-row): markup, no hooks; the two
 * cells that read the table's CellView are components (features/jobs/cells).
 */
import { createColumnHelper } from '@tanstack/react-table';

import { dataTableFeatures } from '@/components/data-table/features';
import { progressBar } from '@/components/ui/progress-bar';
import type { JobListItem } from '@/lib/ci/types';
import { toMs } from '@/lib/format';

import { CreatedCell, durationCell, jobIdCell, objectCell, QueueCell, tagCell } from './cells';
import { stateBadge } from './state-badge';

const helper = createColumnHelper<typeof dataTableFeatures, JobListItem>();

function durationMs(job: JobListItem): number {
  const start = toMs(job.startTime);
  if (start === null) return -1;
  return (toMs(job.endTime) ?? Date.now()) - start;
}

export const jobColumns = helper.columns([
  helper.accessor('jobId', {
    id: 'jobId',
    header: 'Job ID',
    cell: (info) => jobIdCell(info.row.original.jobId),
    sortFn: 'alphanumeric',
    enableHiding: false,
    meta: { label: 'Job ID' },
  }),
  helper.accessor((job) => job.tag, {
    id: 'tag',
    header: 'Tag',
    cell: (info) => tagCell(info.row.original.tag),
    sortFn: 'text',
    meta: { label: 'Tag' },
  }),
  helper.accessor((job) => job.state, {
    id: 'state',
    header: 'State',
    cell: (info) => stateBadge(info.row.original.state),
    sortFn: 'text',
    meta: { label: 'State' },
  }),
  helper.accessor((job) => job.progress ?? -1, {
    id: 'progress',
    header: 'Progress',
    cell: (info) =>
      progressBar({ of: info.row.original.jobId, value: info.row.original.progress, state: info.row.original.state }),
    sortFn: 'basic',
    meta: { label: 'Progress', className: 'w-32' },
  }),
  helper.accessor((job) => job.input?.object ?? '', {
    id: 'input',
    header: 'Input object',
    cell: (info) => objectCell(info.row.original.input?.object),
    sortFn: 'alphanumeric',
    meta: { label: 'Input object' },
  }),
  helper.accessor((job) => job.queueId ?? '', {
    id: 'queue',
    header: 'Queue',
    cell: (info) => <QueueCell queueId={info.row.original.queueId} />,
    sortFn: 'text',
    meta: { label: 'Queue' },
  }),
  helper.accessor((job) => toMs(job.creationTime) ?? 0, {
    id: 'created',
    header: 'Created',
    cell: (info) => <CreatedCell time={info.row.original.creationTime} />,
    sortFn: 'basic',
    meta: { label: 'Created' },
  }),
  helper.accessor((job) => durationMs(job), {
    id: 'duration',
    header: 'Duration',
    cell: (info) => durationCell(info.row.original),
    sortFn: 'basic',
    meta: { label: 'Duration' },
  }),
  helper.accessor((job) => job.output?.object ?? '', {
    id: 'output',
    header: 'Output object',
    cell: (info) => objectCell(info.row.original.output?.object),
    sortFn: 'alphanumeric',
    meta: { label: 'Output object' },
  }),
]);
