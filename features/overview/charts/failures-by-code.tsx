'use client';

/** Failed jobs per CI error code; a bar opens failure triage at that code. */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Rectangle,
  Tooltip,
  XAxis,
  YAxis,
  type RectangleProps,
  type TooltipContentProps,
} from 'recharts';

import { axisProps, ChartCard, count, linkClass, tableClass, TooltipBox, type ChartProps } from './chart-kit';

export function FailuresByCode({ failures, hrefs, palette }: ChartProps) {
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
