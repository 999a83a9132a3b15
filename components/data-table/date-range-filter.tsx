'use client';

import { Button } from '@/components/ui/button';
import { lazyPart } from '@/components/ui/lazy-part';
import { useNow } from '@/components/ui/use-now';
import type { TimeZoneChoice } from '@/lib/format';
import { presetWindow, rangeStatus, rangeSummary, type RangePreset } from '@/lib/ranges';

import { Popover } from './popover';

// The panel's presets and fields load with the popover, on first intent (bench P5).
const panelCode = lazyPart(() => import('./date-range-panel'));

export interface DateRange {
  /** A preset (`1h`, `24h`, `today`, …), `custom`, or '' for any time. */
  range: string;
  /** ISO 8601 instants; '' when unbounded. */
  from: string;
  to: string;
}

/**
 * A creation-time range: presets that fix their window when chosen (so the page tokens of a link
 * stay valid), or a custom range typed in the chosen time zone. A preset whose window has gone
 * stale (lib/ranges rangeStatus: a link made days ago) says the window it really lists
 * ("since 11-25 17:09") and offers "Move to now". A custom date the browser or the rules refuse is
 * named beside its field, never read as "no bound".
 */
export function DateRangeFilter({
  label,
  value,
  presets,
  zone,
  onChange,
}: {
  label: string;
  value: DateRange;
  presets: readonly RangePreset[];
  zone: TimeZoneChoice;
  onChange: (next: DateRange) => void;
}) {
  const now = useNow();
  const { preset, stale } = rangeStatus(value, now, zone);
  const summary = rangeSummary(value, now, zone);
  const choose = (p: RangePreset, at: number) => onChange({ range: p.value, ...presetWindow(p, at, zone) });

  return (
    <div className="flex items-center gap-1">
      <Popover
        panelCode={panelCode}
        label={`${label}: ${summary}`}
        summary={
          <span className="font-medium" data-stale={stale || undefined}>
            {summary}
          </span>
        }
      >
        {() => {
          const Panel = panelCode.get()!.DateRangePanel;
          return <Panel value={value} presets={presets} zone={zone} onChange={onChange} />;
        }}
      </Popover>
      {stale && preset && (
        <Button
          size="sm"
          variant="secondary"
          onClick={() => choose(preset, Date.now())}
          title={`The window was fixed when the link was made; "${preset.label}" from now`}
        >
          Move to now
        </Button>
      )}
    </div>
  );
}
