'use client';

import { useTable, type ColumnVisibilityState, type SortingState, type Updater } from '@tanstack/react-table';
import { useMemo, type ReactNode, type Ref } from 'react';

import { DataCards } from '@/components/data-table/data-cards';
import { DataTable, type DataTableCursor } from '@/components/data-table/data-table';
import { dataTableFeatures } from '@/components/data-table/features';
import { ViewOptions } from '@/components/data-table/view-options';
import { NARROW, useMediaQuery } from '@/components/ui/use-media-query';
import { setPreference, usePreferences } from '@/features/preferences/preferences';
import type { JobListItem } from '@/lib/ci/types';
import { parseSort, serializeSort } from '@/lib/jobs-search-params';

import { CellViewProvider } from './cells';
import { jobColumns } from './columns';
import { renderJobCard } from './job-card';

function resolve<T>(updater: Updater<T>, old: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(old) : updater;
}

/** Builds the table instance: sorting lives in the URL, hidden columns in the preferences. */
export function useJobsTable(jobs: JobListItem[], sort: string, onSortChange: (sort: string) => void) {
  const { hiddenColumns } = usePreferences();
  const sorting = useMemo<SortingState>(() => {
    const spec = parseSort(sort);
    return spec ? [spec] : [];
  }, [sort]);
  const columnVisibility = useMemo<ColumnVisibilityState>(
    () => Object.fromEntries(hiddenColumns.map((id) => [id, false])),
    [hiddenColumns],
  );
  return useTable({
    features: dataTableFeatures,
    columns: jobColumns,
    data: jobs,
    getRowId: (job) => job.jobId,
    state: { sorting, columnVisibility },
    onSortingChange: (updater) => onSortChange(serializeSort(resolve(updater, sorting)[0] ?? null)),
    onColumnVisibilityChange: (updater) => {
      const next = resolve(updater, columnVisibility);
      setPreference(
        'hiddenColumns',
        Object.entries(next)
          .filter(([, visible]) => visible === false)
          .map(([id]) => id),
      );
    },
    enableMultiSort: false,
  });
}

export type JobsTableInstance = ReturnType<typeof useJobsTable>;

/**
 * Cards in the server's HTML, for a phone's first paint (a screen shows three or four); the rest
 * render once the screen is known. Both layouts are hydrated until then, so this keeps a wide
 * screen's page from hydrating a hundred cards it never shows.
 */
const FIRST_PAINT_CARDS = 10;

/** The jobs as a table, or as cards on a phone (below Tailwind's `md`). */
export function JobsTable({
  table,
  onOpen,
  openJobId,
  busy,
  empty,
  cursorRef,
  growing,
}: {
  table: JobsTableInstance;
  /** The row cursor the page's shortcuts move (j/k, Enter). */
  cursorRef?: Ref<DataTableCursor>;
  onOpen: (job: JobListItem) => void;
  openJobId: string | null;
  busy: boolean;
  empty?: ReactNode;
  /** Pages are being accumulated: a full page turns virtual before more arrive, and stays so (DataTable). */
  growing?: boolean;
}) {
  const narrow = useMediaQuery(NARROW);
  // Until the screen is known (server, hydration) both are in the page and CSS shows one; the page's
  // cursor shortcuts go to the one shown.
  return (
    <CellViewProvider>
      {narrow !== true && (
        <div className={narrow === null ? 'hidden md:block' : undefined}>
          <DataTable
            table={table}
            label="Jobs"
            onRowActivate={onOpen}
            activeRowId={openJobId}
            busy={busy}
            testId="jobs-table"
            empty={empty}
            cursorRef={narrow === false ? cursorRef : undefined}
            growing={growing}
          />
        </div>
      )}
      {narrow !== false && (
        <DataCards
          table={table}
          label="Jobs"
          renderCard={renderJobCard}
          onRowActivate={onOpen}
          activeRowId={openJobId}
          busy={busy}
          testId="jobs-cards"
          // Once: until the screen is known, the table's copy (a page holds one empty state).
          empty={narrow === true ? empty : undefined}
          cursorRef={narrow === true ? cursorRef : undefined}
          className={narrow === null ? 'md:hidden' : undefined}
          limit={narrow === null ? FIRST_PAINT_CARDS : undefined}
        />
      )}
    </CellViewProvider>
  );
}

export function JobsColumnsMenu({ table }: { table: JobsTableInstance }) {
  return <ViewOptions table={table} />;
}
