'use client';

/**
 * The overview's three charts (recharts), loaded lazily by features/overview/overview-page so
 * the chart library is fetched only by /overview, after the counts are on screen. One file a chart
 * under charts/: jobs over time (charts/jobs-over-time), run time by tag (charts/durations-by-tag),
 * failures by code (charts/failures-by-code); what they share in charts/chart-kit.
 */
import { useChartPalette } from './chart-theme';
import type { OverviewChartsProps } from './charts/chart-kit';
import { DurationsByTag } from './charts/durations-by-tag';
import { FailuresByCode } from './charts/failures-by-code';
import { JobsOverTime } from './charts/jobs-over-time';

export type { OverviewChartsProps } from './charts/chart-kit';

export default function OverviewCharts(props: OverviewChartsProps) {
  const palette = useChartPalette();
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <div className="xl:col-span-2">
        <JobsOverTime {...props} palette={palette} />
      </div>
      <DurationsByTag {...props} palette={palette} />
      <FailuresByCode {...props} palette={palette} />
    </div>
  );
}
