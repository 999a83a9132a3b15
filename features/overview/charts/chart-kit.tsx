'use client';

/** What the overview's charts share: the props they are drawn from, the card, tooltip and axes. */
import type { ReactNode } from 'react';

import type { SlotUnit, TagDurations, TimeSlot } from '@/features/overview/aggregate';
import type { TimeZoneChoice } from '@/lib/format';

import type { ChartPalette } from '../chart-theme';

export interface OverviewChartsProps {
  buckets: TimeSlot[];
  unit: SlotUnit;
  zone: TimeZoneChoice;
  /** The states drawn in the time chart, in order. */
  states: string[];
  durations: TagDurations[];
  failures: { code: string; count: number }[];
  hrefs: {
    bucket: (bucket: TimeSlot, state?: string) => string;
    tag: (tag: string) => string;
    code: (code: string) => string;
  };
}

export const count = (n: number) => n.toLocaleString('en-US');

/** A chart's props: the overview's figures and the palette of the theme on screen. */
export type ChartProps = OverviewChartsProps & { palette: ChartPalette };

/**
 * A chart with its title, what it shows, and "Show as table": the same figures as links, for the
 * keyboard and screen readers (an SVG bar is a poor tab stop when there are 168 of them).
 */
export function ChartCard({
  title,
  description,
  testId,
  children,
  table,
}: {
  title: string;
  description: string;
  testId: string;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
    >
      <h2 className="text-sm font-semibold">{title}</h2>
      <p className="mb-2 text-xs text-slate-600 dark:text-slate-300">{description}</p>
      {children}
      <details className="mt-2 text-xs">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Show as table</summary>
        <div className="mt-2 max-h-72 overflow-auto">{table}</div>
      </details>
    </section>
  );
}

export const tableClass =
  'w-full border-collapse text-left tabular-nums [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-0.5 dark:[&_td]:border-slate-800 [&_th]:px-2 [&_th]:font-medium';
export const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

export function TooltipBox({ children }: { children: ReactNode }) {
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900">
      {children}
    </div>
  );
}

export function axisProps(palette: ChartPalette) {
  return { stroke: palette.grid, tick: { fill: palette.muted, fontSize: 11 }, tickLine: false } as const;
}
