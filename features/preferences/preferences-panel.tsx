'use client';

/** The display settings' panel (features/preferences/preferences-bar), loaded with its popover on first intent (bench P5). */
import { cn, focusRing } from '@/components/ui/cn';
import { setPreference, type ThemeChoice } from '@/features/preferences/preferences';
import type { TimeZoneChoice } from '@/lib/format';

function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string; title?: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div
      role="radiogroup"
      aria-label={label}
      className="inline-flex rounded border border-slate-300 p-0.5 dark:border-slate-600"
    >
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          title={o.title}
          onClick={() => onChange(o.value)}
          className={cn(
            'rounded px-2 py-0.5 text-xs',
            value === o.value
              ? 'bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900'
              : 'text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
            focusRing,
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function PreferencesPanel({
  timeZone,
  zones,
  theme,
  themes,
}: {
  timeZone: TimeZoneChoice;
  zones: readonly { value: TimeZoneChoice; label: string }[];
  theme: ThemeChoice;
  themes: readonly { value: ThemeChoice; label: string; title: string }[];
}) {
  return (
    <div className="flex flex-col gap-2 p-2">
      <div className="flex items-center justify-between gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span>Times in</span>
        <Segmented label="Time zone" value={timeZone} options={zones} onChange={(v) => setPreference('timeZone', v)} />
      </div>
      <div className="flex items-center justify-between gap-3 text-xs text-slate-500 dark:text-slate-400">
        <span>Theme</span>
        <Segmented label="Theme" value={theme} options={themes} onChange={(v) => setPreference('theme', v)} />
      </div>
    </div>
  );
}
