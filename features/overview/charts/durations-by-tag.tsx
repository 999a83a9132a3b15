'use client';

/** Run time per tag (median and p90) of the finished jobs; a bar opens the list for that tag. */
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
  type RectangleProps,
  type TooltipContentProps,
} from 'recharts';

import type { TagDurations } from '@/features/overview/aggregate';
import { formatDuration } from '@/lib/format';

import { axisProps, ChartCard, count, linkClass, tableClass, TooltipBox, type ChartProps } from './chart-kit';

export function DurationsByTag({ durations, hrefs, palette }: ChartProps) {
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
