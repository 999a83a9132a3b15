'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/cn';
import { formatInstant, fromZonedInputValue, toIsoSeconds, toZonedInputValue, type TimeZoneChoice } from '@/lib/format';

import { Popover } from './popover';

export interface DateRange {
  /** A preset (`1h`, `24h`, …), `custom`, or '' for any time. */
  range: string;
  /** ISO 8601 instants; '' when unbounded. */
  from: string;
  to: string;
}

/**
 * A creation-time range: presets that fix their start when chosen (so the page tokens of a link
 * stay valid), or a custom range typed in the chosen time zone.
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
  presets: readonly { value: string; label: string; ms: number }[];
  zone: TimeZoneChoice;
  onChange: (next: DateRange) => void;
}) {
  const [from, setFrom] = useState(() => toZonedInputValue(value.from, zone));
  const [to, setTo] = useState(() => toZonedInputValue(value.to, zone));
  const [error, setError] = useState<string | null>(null);
  const preset = presets.find((p) => p.value === value.range);
  const summary = preset
    ? preset.label
    : value.from || value.to
      ? `${value.from ? formatInstant(value.from, zone).slice(0, 16) : '…'} → ${value.to ? formatInstant(value.to, zone).slice(0, 16) : 'now'}`
      : 'Any time';

  const apply = () => {
    const f = from ? fromZonedInputValue(from, zone) : '';
    const t = to ? fromZonedInputValue(to, zone) : '';
    if (f === null || t === null) return setError('Enter a complete date and time.');
    if (f && t && Date.parse(f) > Date.parse(t)) return setError('The start must not be after the end.');
    setError(null);
    onChange({ range: f || t ? 'custom' : '', from: f, to: t });
  };

  return (
    <Popover label={`${label}: ${summary}`} summary={<span className="font-medium">{summary}</span>}>
      <div className="w-72 p-1">
        <div className="grid grid-cols-2 gap-1" role="group" aria-label="Presets">
          {presets.map((p) => (
            <Button
              key={p.value}
              size="sm"
              variant={value.range === p.value ? 'primary' : 'secondary'}
              aria-pressed={value.range === p.value}
              onClick={() => onChange({ range: p.value, from: toIsoSeconds(Date.now() - p.ms), to: '' })}
            >
              {p.label}
            </Button>
          ))}
          <Button
            size="sm"
            variant="ghost"
            className="col-span-2"
            onClick={() => onChange({ range: '', from: '', to: '' })}
          >
            Any time
          </Button>
        </div>
        <div
          role="group"
          aria-labelledby="custom-range-title"
          className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-700"
        >
          <p id="custom-range-title" className="text-xs font-semibold text-slate-500 dark:text-slate-400">
            Custom range ({zone === 'local' ? 'local time' : zone === 'utc' ? 'UTC' : '+08:00'})
          </p>
          <label className="mt-1 flex items-center justify-between gap-2 text-xs">
            From
            <input
              type="datetime-local"
              className={fieldClass}
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="mt-1 flex items-center justify-between gap-2 text-xs">
            Until
            <input type="datetime-local" className={fieldClass} value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          {error && (
            <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
              {error}
            </p>
          )}
          <Button size="sm" variant="primary" className="mt-2 w-full justify-center" onClick={apply}>
            Apply range
          </Button>
        </div>
      </div>
    </Popover>
  );
}
