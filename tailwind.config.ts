import type { Config } from 'tailwindcss';

/**
 * Tailwind 4 reads its configuration from CSS; app/globals.css loads this file with @config so the
 * theme stays in TypeScript, typed and in one place.
 */
export default {
  content: ['./app/**/*.{ts,tsx}', './components/**/*.{ts,tsx}'],
  darkMode: 'class',
  theme: {
    extend: {
      fontFamily: {
        mono: ['ui-monospace', 'SFMono-Regular', 'Menlo', 'Consolas', 'monospace'],
      },
    },
  },
} satisfies Config;
