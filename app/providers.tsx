'use client';

/**
 * Client-side providers: one QueryClient, the nuqs URL-state adapter and the theme (which follows
 * the remembered choice, or the system's prefers-color-scheme until one is made).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { NuqsAdapter } from 'nuqs/adapters/next/app';
import { useEffect, useState, type ReactNode } from 'react';

import { applyTheme, usePreferences } from '@/features/preferences/preferences';

function ThemeSync() {
  const { theme } = usePreferences();
  useEffect(() => {
    applyTheme(theme);
    if (theme !== 'system') return;
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => applyTheme('system');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, [theme]);
  return null;
}

/**
 * Marks `<html data-hydrated>` once React owns the page: a click before then is lost (no handler
 * is attached yet), so end-to-end tests wait for this before they act. After the children, so its
 * effect runs once theirs have.
 */
function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
  }, []);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { refetchOnWindowFocus: false, staleTime: 2_000 },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <NuqsAdapter>
        <ThemeSync />
        {children}
        <HydrationMark />
      </NuqsAdapter>
    </QueryClientProvider>
  );
}
