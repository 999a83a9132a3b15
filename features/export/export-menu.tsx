'use client';

/**
 * Export on /jobs: the rows on screen (in the table's order), or every job the filters match, as
 * CSV or JSON (features/export). The list is saved at once; "everything" is collected page by page
 * (features/collection/use-job-collection) with progress and Cancel, and saved when the collection ends — a
 * cancelled one saves nothing. A file that does not hold every matching job says so in its name,
 * its JSON header and the line shown here.
 */
import { useEffect, useMemo, useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import type { OpensOnMount } from '@/components/ui/lazy-on-intent';
import { DropdownMenu, MenuContent, menuItemClass, MenuLabel } from '@/components/ui/menu';
import { useJobCollection } from '@/features/collection/use-job-collection';
import { CSV_TYPE, downloadText, JSON_TYPE } from '@/features/export/download';
import { BROWSER_JOBS_LIMIT } from '@/features/jobs/api/job-pages';
import { useQueues } from '@/features/jobs/api/queues';
import { indexStreams, useHealth } from '@/features/shell/health-api';
import type { JobListItem } from '@/lib/ci/types';
import { exportFileName, exportUrl, type ExportFormat, type JobsExportMeta } from '@/lib/export/export-meta';
import { jobsToCsv } from '@/lib/export/jobs-csv';
import { jobsToJson } from '@/lib/export/jobs-json';
import { queueNames, type QueueNames } from '@/lib/queue-label';

import { CollectionProgress } from '../collection/collection-progress';
import type { JobsTableInstance } from '../jobs/jobs-table';
import { ExportTrigger } from './export-trigger';

const count = (n: number) => n.toLocaleString('en-US');

function save(jobs: readonly JobListItem[], meta: JobsExportMeta, format: ExportFormat, names: QueueNames): string {
  const fileName = exportFileName(meta, format);
  if (format === 'csv') downloadText(fileName, jobsToCsv(jobs, names), CSV_TYPE);
  else downloadText(fileName, jobsToJson(jobs, meta), JSON_TYPE);
  return fileName;
}

interface MatchingRequest {
  format: ExportFormat;
  query: string;
  at: number;
}

interface ListSaved {
  fileName: string;
  count: number;
  complete: boolean;
  at: number;
}

/** Saves the rows on screen now; what the line under the menu then says. */
function saveList(
  jobs: readonly JobListItem[],
  query: string,
  complete: boolean,
  format: ExportFormat,
  names: QueueNames,
): ListSaved {
  const at = Date.now();
  return {
    fileName: save(jobs, { scope: 'list', query, at, complete }, format, names),
    count: jobs.length,
    complete,
    at,
  };
}

const matchingRequest = (format: ExportFormat, query: string): MatchingRequest => ({ format, query, at: Date.now() });

export interface ExportMenuProps {
  table: JobsTableInstance;
  /** The validated list query (null while the view has a blocking issue). */
  query: string | null;
  /** The rows on screen are every matching job (page 1 and no next page). */
  listComplete: boolean;
}

/** Loaded on first intent (lazy-export-menu); `openOnMount` when that intent was a click. */
export function ExportMenu({ table, query, listComplete, openOnMount = false }: OpensOnMount<ExportMenuProps>) {
  const { data: health } = useHealth();
  // The CSV names each queue beside its ID, as the list does (the list has asked for them already).
  const { data: queues } = useQueues();
  const names = useMemo(() => queueNames(queues), [queues]);
  // A live index streams every match from the server (/api/jobs/export): a plain download, no cap.
  const streamed = indexStreams(health);
  // No query of its own: the hook stops a running collection when its query changes, and an export
  // asked for should finish (under the filters it was asked with, named in its file) even then.
  const { state, start, cancel } = useJobCollection(null, { auto: false });
  const [request, setRequest] = useState<MatchingRequest | null>(null);
  const [listSaved, setListSaved] = useState<ListSaved | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const saved = useRef<MatchingRequest | null>(null);
  const rows = table.getRowModel().rows;
  const loading = state.status === 'loading';

  // A finished collection is saved once, in the format asked for (never a cancelled or failed one).
  useEffect(() => {
    if (state.status !== 'done' || !request || state.query !== request.query || saved.current === request) return;
    saved.current = request;
    save(
      state.jobs,
      { scope: 'matching', query: request.query, at: request.at, complete: state.complete },
      request.format,
      names,
    );
  }, [state, request, names]);

  const exportList = (format: ExportFormat) => {
    if (query === null) return;
    setDismissed(false);
    setListSaved(
      saveList(
        rows.map((row) => row.original),
        query,
        listComplete,
        format,
        names,
      ),
    );
  };

  const exportMatching = (format: ExportFormat) => {
    if (query === null) return;
    // start first: a render between the two then sees a loading collection, never an old "done".
    start(query);
    setDismissed(false);
    setRequest(matchingRequest(format, query));
  };

  const showCollection =
    request !== null &&
    (loading || state.status === 'error' || state.status === 'cancelled' || state.status === 'done');
  const collectionNewer = request !== null && (!listSaved || request.at > listSaved.at);

  const status =
    showCollection && (loading || state.status === 'error') ? (
      <CollectionProgress
        state={state}
        onCancel={cancel}
        onRestart={() => start(request.query)}
        what="jobs to export"
      />
    ) : showCollection && collectionNewer && state.status === 'cancelled' ? (
      <span role="status" data-testid="export-result" data-status="cancelled">
        Export cancelled after {count(state.progress.loaded)} jobs; nothing was saved.
      </span>
    ) : showCollection && collectionNewer && state.status === 'done' ? (
      <span role="status" data-testid="export-result" data-status={state.complete ? 'complete' : 'partial'}>
        {state.complete
          ? `Saved all ${count(state.jobs.length)} matching jobs to `
          : `Saved only the first ${count(state.jobs.length)} matching jobs (an export stops at ${count(BROWSER_JOBS_LIMIT)}; narrow the filters for the rest) to `}
        <span className="font-mono break-all">
          {exportFileName(
            { scope: 'matching', query: request.query, at: request.at, complete: state.complete },
            request.format,
          )}
        </span>
      </span>
    ) : listSaved ? (
      <span role="status" data-testid="export-result" data-status="list">
        Saved {count(listSaved.count)} rows {listSaved.complete ? '' : '(the rows on screen, not every matching job) '}
        to <span className="font-mono break-all">{listSaved.fileName}</span>
      </span>
    ) : null;

  return (
    <>
      {/* A corner card rather than a line in the toolbar: the toolbar does not jump while it shows. */}
      {status && (loading || !dismissed) && (
        <div
          data-testid="export-status"
          className="fixed right-4 bottom-4 z-40 flex max-w-md items-start gap-2 rounded border border-slate-200 bg-white p-3 text-xs text-slate-700 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
        >
          <div className="min-w-0 flex-1">{status}</div>
          {!loading && (
            <Button
              variant="ghost"
              size="icon"
              aria-label="Dismiss"
              data-testid="export-dismiss"
              onClick={() => setDismissed(true)}
            >
              ×
            </Button>
          )}
        </div>
      )}
      <DropdownMenu.Root defaultOpen={openOnMount}>
        <ExportTrigger />
        <MenuContent label="Export" align="end" className="flex w-72 flex-col" data-testid="export-menu">
          <MenuLabel plain>This list, in the table&apos;s order</MenuLabel>
          {(['csv', 'json'] as const).map((format) => (
            <DropdownMenu.Item
              key={`list-${format}`}
              data-testid={`export-list-${format}`}
              className={menuItemClass}
              disabled={query === null || rows.length === 0}
              onSelect={() => exportList(format)}
            >
              This list ({count(rows.length)} rows) as {format.toUpperCase()}
            </DropdownMenu.Item>
          ))}
          <MenuLabel plain className="mt-1">
            Every job the filters match
          </MenuLabel>
          {(['csv', 'json'] as const).map((format) =>
            streamed && query !== null ? (
              <DropdownMenu.Item key={`matching-${format}`} className={menuItemClass} asChild>
                <a data-testid={`export-matching-${format}`} href={exportUrl(query, format)} download>
                  Everything matching the filters as {format.toUpperCase()}
                </a>
              </DropdownMenu.Item>
            ) : (
              <DropdownMenu.Item
                key={`matching-${format}`}
                data-testid={`export-matching-${format}`}
                className={menuItemClass}
                disabled={query === null || loading}
                onSelect={() => exportMatching(format)}
              >
                Everything matching the filters as {format.toUpperCase()}
              </DropdownMenu.Item>
            ),
          )}
          <p className="px-2 pb-1 text-[11px] leading-snug text-slate-500 dark:text-slate-400">
            {streamed
              ? 'Everything is streamed from the job index by the server, however many jobs match.'
              : `Everything is collected 100 jobs a request, up to ${count(BROWSER_JOBS_LIMIT)}.`}{' '}
            CSV cells starting with = + - @ get a leading &apos; so spreadsheets do not run them; JSON keeps every value
            as CI gave it.
          </p>
        </MenuContent>
      </DropdownMenu.Root>
    </>
  );
}
