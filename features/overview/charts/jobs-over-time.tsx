'use client';

/** Jobs per hour (or day) of creation, stacked by state; a segment opens the list for that hour and state. */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';

import type { SlotUnit, TimeSlot } from '@/features/overview/aggregate';
import { formatInstant, type TimeZoneChoice } from '@/lib/format';

import { UNKNOWN_STATE_COLOUR } from '../chart-theme';
import { axisProps, ChartCard, count, linkClass, tableClass, TooltipBox, type ChartProps } from './chart-kit';

/** Bucket label on the axis: the hour (`14:00`) or the day (`11-25`) in the chosen zone. */
function tickLabel(ms: number, unit: SlotUnit, zone: TimeZoneChoice): string {
  const text = formatInstant(ms, zone); // `2026-11-25 14:00:00 +08:00`
  return unit === 'hour' ? text.slice(11, 16) : text.slice(5, 10);
}

export function JobsOverTime({ buckets, unit, zone, states, hrefs, palette }: ChartProps) {
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
