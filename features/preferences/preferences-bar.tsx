'use client';

/** The time-zone switch and the theme switch: one each for the whole app, remembered per browser. */
import { Popover } from '@/components/data-table/popover';
import { lazyPart } from '@/components/ui/lazy-part';
import { useNow } from '@/components/ui/use-now';
import { usePreferences, type ThemeChoice } from '@/features/preferences/preferences';
import { formatOffset, TIME_ZONES, zoneOffsetMinutes } from '@/lib/format';

// The switches load with the popover, on first intent (bench P5).
const panelCode = lazyPart(() => import('./preferences-panel'));

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
      panelCode={panelCode}
      label="Display settings: time zone and theme"
      align="right"
      summary={
        <span className="text-xs text-slate-600 dark:text-slate-300" data-testid="display-summary">
          Times: {zoneLabel} · Theme: {themeLabel}
        </span>
      }
    >
      {() => {
        const Panel = panelCode.get()!.PreferencesPanel;
        return <Panel timeZone={timeZone} zones={zones} theme={theme} themes={THEMES} />;
      }}
    </Popover>
  );
}
