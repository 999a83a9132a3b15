'use client';

/**
 * Every GET /jobs parameter as a control. Text filters apply on Enter or when the field is left;
 * selects and menus apply at once. Each change goes to the URL and starts again at page 1.
 */
import type { ReactNode } from 'react';

import { DateRangeFilter } from '@/components/data-table/date-range-filter';
import { FacetedFilter } from '@/components/data-table/faceted-filter';
import { Field, TextFilter } from '@/components/data-table/text-filter';
import { Button } from '@/components/ui/button';
import { cn, fieldClass } from '@/components/ui/cn';
import { usePreferences } from '@/features/preferences/preferences';
import { JOB_STATES, QUEUE_TYPES, TAGS } from '@/lib/ci/tags';
import { activeFilters, ALL_TAGS, PAGE_SIZES, RANGE_PRESETS, type JobsView } from '@/lib/jobs-search-params';

import { QueueSelect } from './queue-select';
import { StateBadge } from './state-badge';
import type { JobsViewActions } from './use-jobs-view';

/** Controls a page can leave out: the overview and triage collect every job, so order and page size mean nothing there. */
export type FilterControl = 'states' | 'order' | 'size';

export function FiltersBar({
  view,
  actions,
  hide = [],
  lead,
}: {
  view: JobsView;
  actions: JobsViewActions;
  hide?: readonly FilterControl[];
  /** Shown before the tag, on the first row (the list's Views menu). */
  lead?: ReactNode;
}) {
  const { timeZone } = usePreferences();
  const shown = (control: FilterControl) => !hide.includes(control);
  const active = activeFilters(view);
  const queueTypeNames = new Map<string, string>(QUEUE_TYPES.map((q) => [q.code, q.name]));

  return (
    <section aria-label="Filters" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        {lead}
        <Field label="Tag">
          <select
            className={cn(fieldClass, 'w-80')}
            value={view.tag}
            onChange={(e) => actions.setFilters({ tag: e.target.value })}
            data-testid="filter-tag"
          >
            <option value={ALL_TAGS}>All tags — merged by creation time</option>
            {QUEUE_TYPES.map((qt) => (
              <optgroup key={qt.code} label={`${qt.name} (${qt.code})`}>
                {TAGS.filter((t) => t.queueType === qt.code).map((t) => (
                  <option key={t.code} value={t.code}>
                    {t.code} — {t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </Field>
        {shown('states') && (
          <div className="flex flex-col gap-0.5 text-[11px] font-medium text-slate-600 dark:text-slate-300">
            <span aria-hidden>States</span>
            <FacetedFilter
              label="States"
              options={JOB_STATES}
              selected={view.states}
              onChange={(states) => actions.setFilters({ states: states.length ? states : null })}
              renderOption={(s) => <StateBadge state={s} />}
            />
          </div>
        )}
        <div className="flex flex-col gap-0.5 text-[11px] font-medium text-slate-600 dark:text-slate-300">
          <span aria-hidden>Created</span>
          <DateRangeFilter
            key={`${view.range}|${view.from}|${view.to}|${timeZone}`}
            label="Created"
            value={{ range: view.range, from: view.from, to: view.to }}
            presets={RANGE_PRESETS}
            zone={timeZone}
            onChange={(r) => actions.setFilters({ range: r.range || null, from: r.from || null, to: r.to || null })}
          />
        </div>
        {shown('order') && (
          <Field label="Order">
            <select
              className={fieldClass}
              value={view.order}
              onChange={(e) => actions.setFilters({ order: e.target.value })}
            >
              <option value="desc">Newest first</option>
              <option value="asc">Oldest first</option>
            </select>
          </Field>
        )}
        {shown('size') && (
          <Field label="Page size">
            <select
              className={fieldClass}
              value={view.size}
              onChange={(e) => actions.setFilters({ size: e.target.value })}
            >
              {[...new Set([...PAGE_SIZES.map(String), view.size])].map((s) => (
                <option key={s} value={s}>
                  {s} rows
                </option>
              ))}
            </select>
          </Field>
        )}
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <QueueSelect value={view.queue} onChange={(queue) => actions.setFilters({ queue: queue || null })} />
        <Field label="Queue type">
          <select
            className={fieldClass}
            value={view.queueType}
            onChange={(e) => actions.setFilters({ queueType: e.target.value || null })}
          >
            <option value="">Any type</option>
            {QUEUE_TYPES.map((qt) => (
              <option key={qt.code} value={qt.code}>
                {queueTypeNames.get(qt.code)} ({qt.code})
              </option>
            ))}
          </select>
        </Field>
        <TextFilter
          label="Workflow ID"
          value={view.workflow}
          placeholder="w…"
          mono
          onApply={(v) => actions.setFilters({ workflow: v || null })}
        />
        <TextFilter
          label="Inventory-trigger job ID"
          value={view.trigger}
          placeholder="b…"
          mono
          onApply={(v) => actions.setFilters({ trigger: v || null })}
        />
        <TextFilter
          label="Input object (exact match)"
          value={view.input}
          placeholder="folder/name.mp4 — the full key"
          hint="CI matches the whole object key exactly: no prefixes or wildcards."
          className="min-w-64 flex-1"
          mono
          onApply={(v) => actions.setFilters({ input: v || null })}
        />
        <TextFilter
          label="Error code"
          value={view.codes}
          placeholder="e.g. 30010001, 30020003"
          hint="CI's error codes, comma-separated. Answered by the job index (CI cannot filter by code)."
          mono
          onApply={(v) => actions.setFilters({ codes: v.replace(/\s+/g, '') || null })}
        />
        <TextFilter
          label="Contains"
          value={view.q}
          placeholder="part of a key or message"
          hint="At least 3 characters of the input or output object key or of the message. Answered by the job index."
          className="min-w-48"
          onApply={(v) => actions.setFilters({ q: v || null })}
        />
        {active.length > 0 && (
          <Button variant="ghost" size="md" onClick={actions.clearFilters}>
            Clear filters
          </Button>
        )}
      </div>
    </section>
  );
}
