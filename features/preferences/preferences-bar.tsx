'use client';

/** The time-zone switch and the theme switch: one each for the whole app, remembered per browser. */
import { Popover } from '@/components/data-table/popover';
import { cn, focusRing } from '@/components/ui/cn';
import { useNow } from '@/components/ui/use-now';
import { setPreference, usePreferences, type ThemeChoice } from '@/features/preferences/preferences';
import { formatOffset, TIME_ZONES, zoneOffsetMinutes } from '@/lib/format';

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

const THEMES: readonly { value: ThemeChoice; label: string; title: string }[] = [
  { value: 'system', label: 'Auto', title: 'Follow the system setting' },
  { value: 'light', label: 'Light', title: 'Light theme' },
  { value: 'dark', label: 'Dark', title: 'Dark theme' },
];

/**
 * In a small popover whose button shows the current choices: the header stays one row at common
 * widths, and the operator still sees at a glance which zone the times are in.
 */
export function PreferencesBar() {
  const { timeZone, theme } = usePreferences();
  const now = useNow(); // 0 while hydrating: the server does not know the browser's offset
  const zones = TIME_ZONES.map((z) => ({
    value: z.value,
    label: z.value === 'local' && now ? `Local (${formatOffset(zoneOffsetMinutes('local', now))})` : z.label,
  }));
  const zoneLabel = zones.find((z) => z.value === timeZone)?.label ?? timeZone;
  const themeLabel = THEMES.find((t) => t.value === theme)?.label ?? theme;
  return (
    <Popover
      label="Display settings: time zone and theme"
      align="right"
      summary={
        <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="display-summary">
          Times: {zoneLabel} · Theme: {themeLabel}
        </span>
      }
    >
      <div className="flex flex-col gap-2 p-2">
        <div className="flex items-center justify-between gap-3 text-xs text-slate-500 dark:text-slate-400">
          <span>Times in</span>
          <Segmented
            label="Time zone"
            value={timeZone}
            options={zones}
            onChange={(v) => setPreference('timeZone', v)}
          />
        </div>
        <div className="flex items-center justify-between gap-3 text-xs text-slate-500 dark:text-slate-400">
          <span>Theme</span>
          <Segmented label="Theme" value={theme} options={THEMES} onChange={(v) => setPreference('theme', v)} />
        </div>
      </div>
    </Popover>
  );
}
