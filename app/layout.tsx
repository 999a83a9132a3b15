import type { Metadata } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';

import { THEME_BOOT_SCRIPT } from '@/features/preferences/theme-script';

import { Providers } from './providers';

import './globals.css';

// No title here: each page renders its own (components/ui/page-title says why).
export const metadata: Metadata = {
  description: 'What Tencent Cloud Infinite is doing with your media',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The CSP (proxy.ts) runs only scripts that carry this request's nonce.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return (
    <html lang="en" suppressHydrationWarning>
      <head>
        {/* Applies the remembered (or the system's) theme before first paint. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
