'use client';

/**
 * The overview's three charts (recharts), loaded lazily by features/overview/overview-page so
 * the chart library is fetched only by /overview, after the counts are on screen:
 * - jobs per hour (or day) of creation, stacked by state — a segment opens the list for that hour
 *   and state;
 * - run time per tag (median and p90) — a bar opens the list for that tag;
 * - failures per CI error code — a bar opens failure triage at that code.
 * Each chart also has a "Show as table" with the same figures as links, for the keyboard and screen
 * readers (an SVG bar is a poor tab stop when there are 168 of them).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
  type RectangleProps,
  type TooltipContentProps,
} from 'recharts';

import type { SlotUnit, TagDurations, TimeSlot } from '@/features/overview/aggregate';
import { formatDuration, formatInstant, type TimeZoneChoice } from '@/lib/format';

import { UNKNOWN_STATE_COLOUR, useChartPalette, type ChartPalette } from './chart-theme';

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

const count = (n: number) => n.toLocaleString('en-US');

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

function ChartCard({
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

const tableClass =
  'w-full border-collapse text-left tabular-nums [&_td]:border-t [&_td]:border-slate-200 [&_td]:px-2 [&_td]:py-0.5 dark:[&_td]:border-slate-800 [&_th]:px-2 [&_th]:font-medium';
const linkClass = 'text-blue-700 underline-offset-2 hover:underline dark:text-blue-300';

function TooltipBox({ children }: { children: ReactNode }) {
  return (
    <div className="rounded border border-slate-200 bg-white px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900">
      {children}
    </div>
  );
}

function axisProps(palette: ChartPalette) {
  return { stroke: palette.grid, tick: { fill: palette.muted, fontSize: 11 }, tickLine: false } as const;
}

/** Bucket label on the axis: the hour (`14:00`) or the day (`11-25`) in the chosen zone. */
function tickLabel(ms: number, unit: SlotUnit, zone: TimeZoneChoice): string {
  const text = formatInstant(ms, zone); // `2026-11-25 14:00:00 +08:00`
  return unit === 'hour' ? text.slice(11, 16) : text.slice(5, 10);
}

function JobsOverTime({
  buckets,
  unit,
  zone,
  states,
  hrefs,
  palette,
}: OverviewChartsProps & { palette: ChartPalette }) {
  const router = useRouter();
  const data = buckets.map((b) => ({ ...b.counts, start: b.start, total: b.total, bucket: b }));
  const per = unit === 'hour' ? 'hour' : 'day';
  const colour = (state: string) => palette.states[state] ?? UNKNOWN_STATE_COLOUR;
  return (
    <ChartCard
      title={`Jobs per ${per} by state`}
      description={`Jobs by creation ${per} (${zone === 'utc' ? 'UTC' : zone === 'cst' ? '+08:00' : 'local time'}), stacked by state. Click a segment to list those jobs.`}
      testId="chart-jobs-over-time"
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th>{unit === 'hour' ? 'Hour' : 'Day'}</th>
              <th>All</th>
              {states.map((s) => (
                <th key={s}>{s}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {buckets.map((b) => (
              <tr key={b.start}>
                <td>{formatInstant(b.start, zone).slice(0, 16)}</td>
                <td>
                  <Link className={linkClass} href={hrefs.bucket(b)}>
                    {count(b.total)}
                  </Link>
                </td>
                {states.map((s) => (
                  <td key={s}>
                    {b.counts[s] ? (
                      <Link className={linkClass} href={hrefs.bucket(b, s)}>
                        {count(b.counts[s])}
                      </Link>
                    ) : (
                      0
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart
        responsive
        style={{ width: '100%', height: 280 }}
        data={data}
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
        title={`Jobs per ${per} by state`}
        desc={`Stacked bars: for each ${per}, how many jobs were created in each state.`}
      >
        <CartesianGrid stroke={palette.grid} vertical={false} />
        <XAxis
          dataKey="start"
          {...axisProps(palette)}
          tickFormatter={(ms: number) => tickLabel(ms, unit, zone)}
          minTickGap={24}
        />
        <YAxis {...axisProps(palette)} allowDecimals={false} width={40} />
        <Tooltip
          cursor={{ fill: palette.cursor }}
          content={(p: TooltipContentProps) => {
            const bucket = (p.payload?.[0]?.payload as { bucket?: TimeSlot } | undefined)?.bucket;
            if (!p.active || !bucket) return null;
            return (
              <TooltipBox>
                <div className="font-medium">
                  {formatInstant(bucket.start, zone).slice(0, 16)} – {formatInstant(bucket.end, zone).slice(11, 16)}
                </div>
                <div>{count(bucket.total)} jobs</div>
                {states
                  .filter((s) => bucket.counts[s])
                  .map((s) => (
                    <div key={s} className="flex items-center gap-1">
                      <span aria-hidden className="inline-block h-2 w-2 rounded-sm" style={{ background: colour(s) }} />
                      {s}: {count(bucket.counts[s] ?? 0)}
                    </div>
                  ))}
              </TooltipBox>
            );
          }}
        />
        <Legend itemSorter={null} wrapperStyle={{ fontSize: 11, color: palette.text }} />
        {states.map((state) => (
          <Bar
            key={state}
            dataKey={state}
            name={state}
            stackId="states"
            fill={colour(state)}
            isAnimationActive={false}
            shape={(raw: unknown) => {
              const props = raw as { height?: number; index?: number; value?: unknown } & Record<string, unknown>;
              const bucket = buckets[props.index ?? -1];
              if (!bucket || !props.height) return <g />;
              const n = bucket.counts[state] ?? 0;
              return (
                <g
                  data-testid="time-segment"
                  data-state={state}
                  data-start={bucket.start}
                  data-count={n}
                  className="cursor-pointer"
                  onClick={() => router.push(hrefs.bucket(bucket, state))}
                >
                  <Rectangle {...props} />
                </g>
              );
            }}
          />
        ))}
      </BarChart>
    </ChartCard>
  );
}

function DurationsByTag({ durations, hrefs, palette }: OverviewChartsProps & { palette: ChartPalette }) {
  const router = useRouter();
  const height = Math.max(120, durations.length * 26 + 48);
  const onBar = (tag: string) => () => router.push(hrefs.tag(tag));
  return (
    <ChartCard
      title="Run time by tag"
      description="Median and 90th percentile of start-to-end time of the jobs that finished (Success or Failed), on a square-root scale so short and long tags both show. Click a bar to list that tag."
      testId="chart-durations"
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th>Tag</th>
              <th>Finished jobs</th>
              <th>Median</th>
              <th>p90</th>
              <th>Longest</th>
            </tr>
          </thead>
          <tbody>
            {durations.map((d) => (
              <tr key={d.tag}>
                <td>
                  <Link className={linkClass} href={hrefs.tag(d.tag)}>
                    {d.tag}
                  </Link>
                </td>
                <td>{count(d.count)}</td>
                <td>{formatDuration(d.median)}</td>
                <td>{formatDuration(d.p90)}</td>
                <td>{formatDuration(d.max)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {durations.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          No finished jobs with a start and end time in this view.
        </p>
      ) : (
        <BarChart
          responsive
          layout="vertical"
          style={{ width: '100%', height }}
          data={durations}
          margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          title="Run time by tag"
          desc="Horizontal bars per tag: the median and the 90th percentile run time in seconds."
        >
          <CartesianGrid stroke={palette.grid} horizontal={false} />
          <XAxis
            type="number"
            scale="sqrt"
            domain={[0, 'auto']}
            {...axisProps(palette)}
            tickFormatter={(s: number) => formatDuration(s)}
          />
          <YAxis type="category" dataKey="tag" {...axisProps(palette)} width={150} interval={0} />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            content={(p: TooltipContentProps) => {
              const d = p.payload?.[0]?.payload as TagDurations | undefined;
              if (!p.active || !d) return null;
              return (
                <TooltipBox>
                  <div className="font-medium">{d.tag}</div>
                  <div>
                    {count(d.count)} finished · median {formatDuration(d.median)} · p90 {formatDuration(d.p90)}
                  </div>
                  <div>longest {formatDuration(d.max)}</div>
                </TooltipBox>
              );
            }}
          />
          <Legend itemSorter={null} wrapperStyle={{ fontSize: 11, color: palette.text }} />
          {(['median', 'p90'] as const).map((key) => (
            <Bar
              key={key}
              dataKey={key}
              name={key === 'median' ? 'Median' : '90th percentile'}
              fill={palette[key]}
              isAnimationActive={false}
              shape={(raw: unknown) => {
                const props = raw as { index?: number } & Record<string, unknown>;
                const d = durations[props.index ?? -1];
                if (!d) return <g />;
                return (
                  <g
                    data-testid="duration-bar"
                    data-tag={d.tag}
                    data-kind={key}
                    className="cursor-pointer"
                    onClick={onBar(d.tag)}
                  >
                    <Rectangle {...(props as RectangleProps)} />
                  </g>
                );
              }}
            />
          ))}
        </BarChart>
      )}
    </ChartCard>
  );
}

function FailuresByCode({ failures, hrefs, palette }: OverviewChartsProps & { palette: ChartPalette }) {
  const router = useRouter();
  const height = Math.max(120, failures.length * 28 + 40);
  return (
    <ChartCard
      title="Failures by error code"
      description="Failed jobs per CI error code. Click a bar to open failure triage at that code: what it means and what to do."
      testId="chart-failures"
      table={
        <table className={tableClass}>
          <thead>
            <tr>
              <th>Code</th>
              <th>Failed jobs</th>
            </tr>
          </thead>
          <tbody>
            {failures.map((f) => (
              <tr key={f.code}>
                <td>
                  <Link className={linkClass} href={hrefs.code(f.code)}>
                    {f.code || '(no code)'}
                  </Link>
                </td>
                <td>{count(f.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      {failures.length === 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-300">No failed jobs in this view.</p>
      ) : (
        <BarChart
          responsive
          layout="vertical"
          style={{ width: '100%', height }}
          data={failures.map((f) => ({ ...f, label: f.code || '(no code)' }))}
          margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          title="Failures by error code"
          desc="Horizontal bars: the number of failed jobs for each CI error code."
        >
          <CartesianGrid stroke={palette.grid} horizontal={false} />
          <XAxis type="number" {...axisProps(palette)} allowDecimals={false} />
          <YAxis type="category" dataKey="label" {...axisProps(palette)} width={170} interval={0} />
          <Tooltip
            cursor={{ fill: palette.cursor }}
            content={(p: TooltipContentProps) => {
              const f = p.payload?.[0]?.payload as { label: string; count: number } | undefined;
              if (!p.active || !f) return null;
              return (
                <TooltipBox>
                  <div className="font-medium">{f.label}</div>
                  <div>{count(f.count)} failed jobs — click for what to do</div>
                </TooltipBox>
              );
            }}
          />
          <Bar
            dataKey="count"
            name="Failed jobs"
            fill={palette.failure}
            isAnimationActive={false}
            shape={(raw: unknown) => {
              const props = raw as { index?: number } & Record<string, unknown>;
              const f = failures[props.index ?? -1];
              if (!f) return <g />;
              return (
                <g
                  data-testid="failure-bar"
                  data-code={f.code}
                  data-count={f.count}
                  className="cursor-pointer"
                  onClick={() => router.push(hrefs.code(f.code))}
                >
                  <Rectangle {...(props as RectangleProps)} />
                </g>
              );
            }}
          />
        </BarChart>
      )}
    </ChartCard>
  );
}
