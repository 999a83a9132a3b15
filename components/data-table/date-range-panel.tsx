'use client';

/**
 * The date range's panel (components/data-table/date-range-filter): presets, and a custom range
 * typed in the chosen time zone. Its own module, loaded with the popover on first intent (bench P5).
 */
import { useId, useRef, useState } from 'react';

import { Button } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/cn';
import { fromZonedInputValue, toZonedInputValue, type TimeZoneChoice } from '@/lib/format';
import { customBoundError, presetWindow, type RangePreset } from '@/lib/ranges';

import type { DateRange } from './date-range-filter';

export function DateRangePanel({
  value,
  presets,
  zone,
  onChange,
}: {
  value: DateRange;
  presets: readonly RangePreset[];
  zone: TimeZoneChoice;
  onChange: (next: DateRange) => void;
}) {
  const id = useId();
  const fromRef = useRef<HTMLInputElement>(null);
  const toRef = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<{ from?: string | null; to?: string | null; range?: string | null }>({});

  const choose = (p: RangePreset, at: number) => onChange({ range: p.value, ...presetWindow(p, at, zone) });
  const check = (which: 'from' | 'to') => {
    const input = which === 'from' ? fromRef.current : toRef.current;
    return customBoundError(
      which === 'from' ? 'From' : 'Until',
      input?.value ?? '',
      input?.validity.badInput ?? false,
      zone,
    );
  };
  const apply = () => {
    const next = { from: check('from'), to: check('to') };
    if (next.from || next.to) return setErrors(next);
    // The fields are read as they are (uncontrolled): what the browser holds is what is checked.
    const from = fromRef.current?.value ?? '';
    const to = toRef.current?.value ?? '';
    const f = from ? fromZonedInputValue(from, zone) : '';
    const t = to ? fromZonedInputValue(to, zone) : '';
    if (f === null || t === null) return setErrors({ range: 'Enter a complete date and time.' });
    if (f && t && Date.parse(f) > Date.parse(t)) return setErrors({ range: 'The start must not be after the end.' });
    setErrors({});
    onChange({ range: f || t ? 'custom' : '', from: f, to: t });
  };

  const field = (which: 'from' | 'to', text: string) => {
    const error = errors[which];
    return (
      <div className="mt-1">
        <label className="flex items-center justify-between gap-2 text-xs">
          {text}
          <input
            ref={which === 'from' ? fromRef : toRef}
            type="datetime-local"
            className={fieldClass}
            defaultValue={toZonedInputValue(which === 'from' ? value.from : value.to, zone)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-${which}-error` : undefined}
            // Leaving a field names what is wrong with it; typing in it again clears that. Nothing is
            // cleared on leaving: a notice vanishing as Apply is pressed would move Apply from under the pointer.
            onBlur={() => {
              const error = check(which);
              if (error) setErrors((old) => ({ ...old, [which]: error }));
            }}
            onInput={() => setErrors((old) => (old[which] || old.range ? { ...old, [which]: null, range: null } : old))}
          />
        </label>
        {error && (
          <p id={`${id}-${which}-error`} role="alert" className="mt-0.5 text-xs text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="w-72 p-1">
      <div className="grid grid-cols-2 gap-1" role="group" aria-label="Presets">
        {presets.map((p) => (
          <Button
            key={p.value}
            size="sm"
            variant={value.range === p.value ? 'primary' : 'secondary'}
            aria-pressed={value.range === p.value}
            onClick={() => choose(p, Date.now())}
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
        aria-labelledby={`${id}-custom`}
        className="mt-2 border-t border-slate-200 pt-2 dark:border-slate-700"
      >
        <p id={`${id}-custom`} className="text-xs font-semibold text-slate-500 dark:text-slate-400">
          Custom range ({zone === 'local' ? 'local time' : zone === 'utc' ? 'UTC' : '+08:00'})
        </p>
        {field('from', 'From')}
        {field('to', 'Until')}
        {errors.range && (
          <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
            {errors.range}
          </p>
        )}
        <Button size="sm" variant="primary" className="mt-2 w-full justify-center" onClick={apply}>
          Apply range
        </Button>
      </div>
    </div>
  );
}
